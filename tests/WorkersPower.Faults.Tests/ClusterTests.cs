using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;
using Xunit.Abstractions;
using static WorkersPower.Faults.Tests.Workload;

namespace WorkersPower.Faults.Tests;

/// <summary>
/// build/cluster.sh's three nodes behind nginx, one of them killed (SIGKILL) under load: no acknowledged
/// write is lost, the asynchronous projection keeps up on the nodes left, reminders due after the kill fire
/// once, and subscribers whose node died reconnect through the proxy and keep receiving.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    private const string Progress = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }";

    [Fact]
    public async Task Three_nodes_one_killed_under_load_nothing_lost_projection_keeps_up_reminders_fire_once_subscribers_reconnect()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("cluster");
        var directory = Path.Combine(Path.GetTempPath(), $"wp-cluster-{Guid.NewGuid():N}");
        var proxyPort = FreeRange(4);
        try
        {
            await ClusterScriptAsync("start", directory, proxyPort, connectionString);
            await RunAsync(connectionString, directory, proxyPort);
        }
        finally
        {
            await ClusterScriptAsync("stop", directory, proxyPort, connectionString);
            await TestPostgres.DropDatabaseAsync(connectionString);
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        }
    }

    private async Task RunAsync(string connectionString, string directory, int proxyPort)
    {
        var proxy = new Uri($"http://127.0.0.1:{proxyPort}");
        using var http = new HttpClient { BaseAddress = proxy, Timeout = TimeSpan.FromSeconds(60) };
        var client = new GraphQLClient(http);
        var signIn = await client.PostAsync(MembershipApi.SignIn, new { input = new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword } });
        var admin = signIn["signIn.accessToken"]!.GetValue<string>();
        var branch = await MembershipApi.CreateBranchAsync(client, admin);
        var launched = await client.DataAsync(
            "mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code } } }",
            new { input = new { title = "Three nodes", summary = "One falls, work goes on.", goal = 100 } }, admin);
        var campaignId = launched["launchCampaign"]!["campaign"]!["id"]!.GetValue<string>();
        var actions = new List<string>();
        for (var i = 0; i < 6; i++) actions.Add(await ScheduleAsync(client, admin, campaignId) ?? throw new InvalidOperationException("scheduling failed"));
        // Two actions whose reminders fall due after the kill: 24 hours before they start is 40 seconds from now.
        var soon = new List<string>();
        for (var i = 0; i < 2; i++) soon.Add(await ScheduleAsync(client, admin, campaignId, DateTimeOffset.UtcNow.AddHours(24).AddSeconds(40)) ?? throw new InvalidOperationException("scheduling failed"));
        var members = new List<string>();
        for (var i = 0; i < 6; i++) members.Add(await JoinAsync(client, admin, branch));
        foreach (var token in members)
        foreach (var action in soon)
            (await Succeeded(client, "signUpForAction", "mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code } } }", action, token)).ShouldBeTrue();

        var subscribers = Enumerable.Range(0, 6).Select(_ => new Subscriber(new Uri($"ws://127.0.0.1:{proxyPort}/graphql"), admin, campaignId)).ToList();
        await using var _ = new Disposables(subscribers);
        foreach (var s in subscribers) await s.WaitForValueAsync(TimeSpan.FromSeconds(30));

        var approved = new ConcurrentBag<Guid>();
        var acknowledgedSignUps = 0;
        var acknowledgedWithdrawals = 0;
        var lastWord = new ConcurrentDictionary<(string Token, string Action), (bool SignedUp, bool Acknowledged)>();
        using var stop = new CancellationTokenSource();
        var work = new List<Task>();
        for (var w = 0; w < 3; w++)
            work.Add(Loop(async () =>
            {
                var application = await client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(MembershipApi.UniqueEmail("cluster")) });
                if (application["applyForMembership.application.id"]?.GetValue<string>() is not { } id) return;
                var decision = await client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = branch } }, admin);
                if (decision.Errors is null && decision["approveMembershipApplication.member.id"]?.GetValue<string>() is { } member)
                    approved.Add(GlobalId.TryDecode(member, "Member")!.Value);
            }, stop.Token));
        foreach (var token in members)
            work.Add(Loop(async () =>
            {
                foreach (var action in actions)
                {
                    // The last word on each (member, action): what was asked, and whether the platform acknowledged it.
                    lastWord[(token, action)] = (true, false);
                    if (await Succeeded(client, "signUpForAction", "mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code } } }", action, token))
                    {
                        Interlocked.Increment(ref acknowledgedSignUps);
                        lastWord[(token, action)] = (true, true);
                    }
                    lastWord[(token, action)] = (false, false);
                    if (await Succeeded(client, "withdrawFromAction", "mutation($input: WithdrawFromActionInput!) { withdrawFromAction(input: $input) { errors { code } } }", action, token))
                    {
                        Interlocked.Increment(ref acknowledgedWithdrawals);
                        lastWord[(token, action)] = (false, true);
                    }
                }
            }, stop.Token));

        await Task.Delay(TimeSpan.FromSeconds(4));
        var victim = File.ReadAllLines(Path.Combine(directory, "pids")).Select(l => l.Split(' ')).First(p => p[0] == "node1");
        using (var node = Process.GetProcessById(int.Parse(victim[1], System.Globalization.CultureInfo.InvariantCulture)))
        {
            node.Kill();
            await node.WaitForExitAsync();
        }
        var killedAt = Stopwatch.StartNew();
        var beforeKill = (approved.Count, acknowledgedSignUps);
        await Task.Delay(TimeSpan.FromSeconds(6));
        await stop.CancelAsync();
        await Task.WhenAll(work);
        output.WriteLine($"acknowledged: {approved.Count} approvals, {acknowledgedSignUps} sign-ups, {acknowledgedWithdrawals} withdrawals " +
                         $"({approved.Count - beforeKill.Item1} approvals and {acknowledgedSignUps - beforeKill.acknowledgedSignUps} sign-ups after node1 was killed)");
        (approved.Count - beforeKill.Item1).ShouldBeGreaterThan(0, "nothing was acknowledged after the kill");

        // Nothing acknowledged is lost: the members are there, every contract message reached the other modules,
        // the projection caught up, and the reminders due after the kill fired (one notice per member and action).
        var ids = approved.ToArray();
        var reported = 0;
        while (true)
        {
            var copies = await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_campaignmember where id = any(@ids)", ids)
                       + await CountAsync(connectionString, "select count(*) from content.mt_doc_authorcopy where id = any(@ids)", ids);
            var waiting = await CountAsync(connectionString, "select count(*) from {0}.wolverine_incoming_envelopes where status = 'Incoming'");
            var lag = await ProjectionBehindAsync(connectionString);
            var notices = await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_membernotice");
            if (copies == 2 * ids.Length && waiting == 0 && lag == 0 && notices >= soon.Count * members.Count) break;
            if (killedAt.Elapsed > TimeSpan.FromSeconds(150))
                throw new TimeoutException($"{killedAt.Elapsed.TotalSeconds:0} s after the kill: {copies} of {2 * ids.Length} member copies, {waiting} messages waiting, CampaignDay {lag} events behind, {notices} reminders\n" +
                                           string.Join("\n", Directory.GetFiles(directory, "node*.log").Select(f => f + ":\n" + File.ReadAllText(f))));
            if (killedAt.Elapsed.TotalSeconds >= reported + 10)
            {
                reported += 10;
                output.WriteLine($"{killedAt.Elapsed.TotalSeconds:0} s after the kill: {copies} of {2 * ids.Length} member copies, {waiting} messages waiting, CampaignDay {lag} events behind, {notices} reminders");
            }
            await Task.Delay(250);
        }
        output.WriteLine($"all delivered, projected and reminded {killedAt.Elapsed.TotalSeconds:0.0} s after the kill");
        (await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_membernotice")).ShouldBe(soon.Count * members.Count);
        (await ScheduledMessages.CountAsync(connectionString, "SendActionReminders", "membership", "campaigns", "content"))
            .ShouldBe(await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_campaignaction") - soon.Count);
        // Each member's standing on each action is what the last acknowledged sign-up or withdrawal said.
        var checkedPairs = 0;
        foreach (var ((token, action), (signedUp, acknowledged)) in lastWord)
        {
            if (!acknowledged) continue; // the last request was cut off by the kill: either answer is right
            var state = await client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { mySignUp } } }", new { id = action }, token);
            state["node"]!["mySignUp"]?.GetValue<string>().ShouldBe(signedUp ? "SIGNED_UP" : "WITHDRAWN", $"an acknowledged {(signedUp ? "sign-up" : "withdrawal")} was lost");
            checkedPairs++;
        }
        checkedPairs.ShouldBeGreaterThan(0);
        var signUpEvents = await CountAsync(connectionString, "select count(*) from campaigns.mt_events where type = 'signed_up_for_action'");
        var activity = await client.DataAsync("query($id: ID!) { node(id: $id) { ... on Campaign { activity(days: 3) { signUps } progress { signUps } } } }", new { id = campaignId }, admin);
        activity["node"]!["activity"]!.AsArray().Sum(d => d!["signUps"]!.GetValue<int>()).ShouldBe((int)signUpEvents);
        var missing = await MissingAsync(client, admin, ids.Select(id => GlobalId.Encode("Member", id)).ToList());
        missing.ShouldBeEmpty();
        (await CountAsync(connectionString, "select count(*) from {0}.wolverine_dead_letters")).ShouldBe(0);

        // Subscribers: those on the killed node reconnected; all of them see the final figure.
        var final = activity["node"]!["progress"]!["signUps"]!.GetValue<int>();
        foreach (var s in subscribers) await s.WaitForValueAsync(TimeSpan.FromSeconds(30), final);
        output.WriteLine($"subscribers: {subscribers.Sum(s => s.Reconnects)} reconnections; every one received the final sign-up count {final}");
        subscribers.Sum(s => s.Reconnects).ShouldBeGreaterThan(0, "no subscriber was on the killed node");
    }

    private static int FreeRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = Random.Shared.Next(20_000, 30_000);
            var free = true;
            for (var p = start; p < start + count && free; p++)
            {
                try
                {
                    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, p);
                    listener.Start();
                    listener.Stop();
                }
                catch (System.Net.Sockets.SocketException) { free = false; }
            }
            if (free) return start;
        }
        throw new InvalidOperationException("No free range of ports");
    }

    private static async Task ClusterScriptAsync(string command, string directory, int proxyPort, string connectionString)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("build/cluster.sh");
        start.ArgumentList.Add(command);
        start.Environment["CLUSTER_DIR"] = directory;
        start.Environment["CLUSTER_PORT"] = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_SKIP_BUILD"] = "1";
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Auth__SigningKey"] = HostProcess.SigningKey;
        start.Environment["Bootstrap__AdminEmail"] = HostProcess.AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = HostProcess.AdminPassword;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Membership__Applications__PermitLimit"] = "1000000";
        start.Environment["Membership__SignIn__MaxFailuresPerAddress"] = "1000000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"build/cluster.sh {command} failed: {await stdout}{await stderr}");
    }

    private sealed class Disposables(IEnumerable<Subscriber> subscribers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var s in subscribers) await s.DisposeAsync();
        }
    }

    /// <summary>A graphql-transport-ws client of campaignProgress that reconnects (through the proxy) when its connection drops.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private int latest = -1;

        public Subscriber(Uri address, string token, string campaignId) => loop = Task.Run(() => RunAsync(address, token, campaignId));

        public int Reconnects { get; private set; }

        public async Task WaitForValueAsync(TimeSpan timeout, int? value = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (value is null ? Volatile.Read(ref latest) < 0 : Volatile.Read(ref latest) != value)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the subscriber has {latest}, expected {value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a value"}");
                await Task.Delay(100);
            }
        }

        private async Task RunAsync(Uri address, string token, string campaignId)
        {
            var first = true;
            while (!stop.IsCancellationRequested)
            {
                if (!first)
                {
                    Reconnects++;
                    await Task.Delay(500);
                }
                first = false;
                try
                {
                    using var socket = new ClientWebSocket();
                    socket.Options.AddSubProtocol("graphql-transport-ws");
                    await socket.ConnectAsync(address, stop.Token);
                    await SendAsync(socket, new { type = "connection_init", payload = new { token } });
                    await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = Progress, variables = new { id = campaignId } } });
                    while (await ReceiveAsync(socket) is { } message)
                        if (message["type"]?.GetValue<string>() == "next" && message["payload"]?["data"]?["campaignProgress"]?["signUps"] is { } n)
                            Volatile.Write(ref latest, n.GetValue<int>());
                }
                catch (WebSocketException) { }
                catch (OperationCanceledException) { }
            }
        }

        private Task SendAsync(WebSocket socket, object message) => WebSocketJson.SendAsync(socket, message, stop.Token);

        private Task<JsonNode?> ReceiveAsync(WebSocket socket) => WebSocketJson.ReceiveAsync(socket, Timeout.InfiniteTimeSpan, stop.Token);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try { await loop; }
            catch (OperationCanceledException) { }
            stop.Dispose();
        }
    }
}
