using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Two hosts in Balanced mode on one database: node A (the fixture's) and node B.</summary>
public sealed class TwoNodeFixture : CampaignsFixture
{
    private PlatformFactory? second;

    public PlatformFactory Second => second ?? throw new InvalidOperationException("Not started.");

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Cluster:Mode"] = "Balanced";
        return settings;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        second = new PlatformFactory(Settings(), ConfigureServices, null);
        _ = second.Server;
        // Both nodes listen before a test starts: a change made while a listener is still connecting reaches a
        // subscriber only through the listener's reload on connecting, which is not what these tests are about.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var node in new[] { Factory.Services, second.Services })
        {
            var listener = node.GetRequiredService<ProgressListener>();
            while (listener.Connections == 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("a node's progress listener did not connect within 30 s");
                await Task.Delay(20);
            }
        }
    }

    public override async Task DisposeAsync()
    {
        if (second is not null) await second.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>
/// A change made through one node reaches subscribers connected to another (PostgreSQL LISTEN/NOTIFY), and
/// keeps doing so after the listening or the notifying connection is cut; a token one node issued holds on the other.
/// </summary>
public sealed class CrossNodeProgressTests(TwoNodeFixture fixture) : IClassFixture<TwoNodeFixture>
{
    [Fact]
    public async Task A_sign_up_through_node_A_reaches_a_subscriber_on_node_B_also_after_the_listener_reconnects()
    {
        var (actionId, member, socket) = await SubscribeOnNodeBAsync();
        using var _ = socket;

        // through node A (the fixture's client)
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        await WaitForSignUpsAsync(socket, 1);

        // Cut every node's listening connection, as a database restart would; each node reconnects by itself
        // (both are waited for, so that the tests after this one start with both nodes listening).
        var listeners = new[] { fixture.Factory.Services, fixture.Second.Services }.Select(s => s.GetRequiredService<ProgressListener>()).ToList();
        var before = listeners.Select(l => l.Connections).ToList();
        (await TerminateAsync(ProgressListener.ApplicationName)).ShouldBe(2, "one listening connection per node");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (listeners[0].Connections == before[0] || listeners[1].Connections == before[1])
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("a node's listener did not reconnect");
            await Task.Delay(50);
        }

        var withdrawn = await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, member.Token);
        withdrawn.UserErrors("withdrawFromAction").ShouldBeEmpty();
        await WaitForSignUpsAsync(socket, 0);
    }

    [Fact]
    public async Task A_change_reaches_node_B_although_node_A_lost_the_connection_it_notifies_on()
    {
        var (actionId, member, socket) = await SubscribeOnNodeBAsync();
        using var _ = socket;
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        await WaitForSignUpsAsync(socket, 1);

        // The notifying connection went back to its node's pool; cut it there, as a database restart would.
        // (The subscriber may have seen the count a moment before the notifier's connection shows in pg_stat_activity.)
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await TerminateAsync(ProgressNotifier.ApplicationName) == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no notifying connection to cut within 15 s");
            await Task.Delay(50);
        }

        var withdrawn = await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, member.Token);
        withdrawn.UserErrors("withdrawFromAction").ShouldBeEmpty();
        await WaitForSignUpsAsync(socket, 0);
    }

    [Fact]
    public async Task One_change_costs_one_progress_query_per_node_whatever_the_number_of_subscribers_on_each()
    {
        const int perNode = 10;
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        var sockets = new List<WebSocket>();
        try
        {
            foreach (var node in new[] { fixture.Factory, fixture.Second })
                for (var i = 0; i < perNode; i++)
                {
                    var socket = await ConnectAsync(node);
                    sockets.Add(socket);
                    await SubscribeAsync(socket, campaignId);
                    await WaitForSignUpsAsync(socket, 0);
                }
            var streams = new[] { fixture.Factory.Services, fixture.Second.Services }.Select(s => s.GetRequiredService<ProgressStreams<ProgressView>>()).ToList();
            var before = await SettledLoadsAsync(streams); // the first values' loads are done
            using var queries = new SqlCounter(fixture.ConnectionString, statementContains: "from campaigns.mt_doc_campaignprogress p where");

            (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
            foreach (var socket in sockets) await WaitForSignUpsAsync(socket, 1);
            await SettledLoadsAsync(streams);
            streams[0].Loads.ShouldBe(before[0] + 1, "node A: one load for its subscribers");
            streams[1].Loads.ShouldBe(before[1] + 1, "node B: one load for its subscribers");
            queries.Count.ShouldBe(2, $"{perNode} subscribers on each of two nodes, one change: one query per node");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    [Fact]
    public async Task A_token_from_a_sign_in_through_node_A_is_accepted_by_node_B()
    {
        var organiser = await fixture.OrganiserAsync();
        var nodeB = new GraphQLClient(fixture.Second.CreateClient());
        var viewer = await nodeB.DataAsync("{ viewer { email roles } }", token: organiser.Token);
        viewer["viewer"]!["email"]!.GetValue<string>().ShouldBe(organiser.Email);
        viewer["viewer"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("ORGANISER");
    }

    /// <summary>A fresh campaign with one action, a member, and a subscriber to its progress on node B that has seen 0.</summary>
    private async Task<(string ActionId, MemberApi.Person Member, WebSocket Socket)> SubscribeOnNodeBAsync()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();

        var socket = await ConnectAsync(fixture.Second);
        await SubscribeAsync(socket, campaignId);
        await WaitForSignUpsAsync(socket, 0);
        return (actionId, member, socket);
    }

    /// <summary>A graphql-transport-ws connection to a node, acknowledged.</summary>
    private static async Task<WebSocket> ConnectAsync(PlatformFactory node)
    {
        var client = node.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(node.Server.BaseAddress, "graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init" });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    private static Task SubscribeAsync(WebSocket socket, string campaignId) => SendAsync(socket, new
    {
        id = "p",
        type = "subscribe",
        payload = new { query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }", variables = new { id = campaignId } },
    });

    /// <summary>Each node's load count once no load has happened for half a second (at most 15 s): what is in flight is done.</summary>
    private static async Task<List<long>> SettledLoadsAsync(List<ProgressStreams<ProgressView>> streams)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = streams.Select(s => (long)s.Loads).ToList();
        while (true)
        {
            await Task.Delay(500);
            var now = streams.Select(s => (long)s.Loads).ToList();
            if (now.SequenceEqual(last) || DateTime.UtcNow > deadline) return now;
            last = now;
        }
    }

    /// <summary>Terminates this database's connections with the given application name; returns how many.</summary>
    private async Task<long> TerminateAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = @name and datname = current_database()", connection);
        kill.Parameters.AddWithValue("name", applicationName);
        return (long)(await kill.ExecuteScalarAsync())!;
    }

    private static Task SendAsync(WebSocket socket, object message) => WebSocketJson.SendAsync(socket, message);

    private static Task<JsonNode?> ReceiveAsync(WebSocket socket) => WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(15));

    /// <summary>Reads "next" messages until one carries the expected count (at most 15 s).</summary>
    private static async Task WaitForSignUpsAsync(WebSocket socket, int expected)
    {
        while (true)
        {
            JsonNode? message;
            try { message = await ReceiveAsync(socket); }
            catch (OperationCanceledException) { throw new TimeoutException($"a subscriber did not see {expected} sign-ups within 15 s"); }
            if (message is null) throw new InvalidOperationException("the subscription closed");
            message["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
            if (message["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>() == expected) return;
        }
    }
}

/// <summary>Cluster:Mode takes Solo or Balanced; anything else stops the host at start-up.</summary>
public sealed class ClusterModeSettingTests
{
    [Fact]
    public async Task An_unknown_cluster_mode_stops_start_up_with_a_clear_message()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["Auth:SigningKey"] = PlatformFixture.SigningKey,
            ["Cluster:Mode"] = "Swarm",
        };
        await using var factory = new PlatformFactory(settings, null, null);
        var thrown = Should.Throw<Exception>(() => factory.Services);
        var messages = new List<string>();
        for (Exception? e = thrown; e is not null; e = e.InnerException) messages.Add(e.Message);
        messages.ShouldContain(m => m.Contains("Cluster:Mode is 'Swarm'") && m.Contains("Solo or Balanced"));
    }
}
