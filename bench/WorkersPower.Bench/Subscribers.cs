using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WorkersPower.Bench;

/// <summary>
/// The subscription scenario: <c>subscribers</c> WebSockets (graphql-transport-ws, anonymous, as the public campaign
/// page's) each subscribed to one campaign's <c>campaignProgress</c>, while sign-ups for that campaign's actions go
/// in over HTTP (<c>signUpForAction</c>, one member token per line of the pairs file) at a steady rate.
/// <para>
/// Delivery latency, defined: sign-ups are counted in the order their answers reach this program; the k-th
/// successful answer, at time A(k), means at least k of them have committed, so the campaign's count has reached
/// base + k by then. For each subscriber and each k, latency = the arrival time of the first "next" whose signUps
/// is at least base + k, minus A(k) (the same clock, <see cref="Stopwatch"/>). That is a lower bound on commit to
/// delivery by at most the time from the k-th commit to the k-th answer (bounded by the mutation's own latency,
/// reported too); a value that arrives before A(k) (the commit was quicker than the answer) counts as 0 and is
/// counted in <c>early</c>. One delivery may cover several sign-ups (values are coalesced): it then counts once per
/// sign-up it covers.
/// </para>
/// Prints one line: SUBS subscribers=... connected=... signups=... ok=... rate=... p50_ms=... p99_ms=... max_ms=...
/// missed=... final_ok=... host_cpu_ms=... client_cpu_ms=... (see the end of <see cref="RunAsync"/>). Fails (exit code 1)
/// when a socket does not connect, a sign-up fails, or any subscriber does not end on the final count.
/// </summary>
internal static class Subscribers
{
    private const string Subscription =
        "subscription($campaignId: ID!) { campaignProgress(campaignId: $campaignId) { participants signUps actionsScheduled goal } }";
    private const string SignUp = "mutation($id: ID!) { signUpForAction(input: {actionId: $id}) { errors { code message } } }";

    /// <summary>
    /// subscribers &lt;graphql url&gt; &lt;pairs.tsv&gt; &lt;campaign id&gt; &lt;subscribers&gt; &lt;sign-ups per second&gt; &lt;seconds&gt; [host pid [warm-up seconds]]:
    /// the warm-up (default 0) runs sign-ups at the same rate to the same subscribers, unmeasured (the runtime's tiered JIT).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var url = new Uri(args[1]);
        var pairs = (await File.ReadAllLinesAsync(args[2])).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();
        var campaignId = args[3].Trim();
        var count = int.Parse(args[4], CultureInfo.InvariantCulture);
        var rate = double.Parse(args[5], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[6], CultureInfo.InvariantCulture);
        var hostPid = args.Length > 7 ? int.Parse(args[7], CultureInfo.InvariantCulture) : 0;
        var warmup = args.Length > 8 ? (int)Math.Round(rate * double.Parse(args[8], CultureInfo.InvariantCulture)) : 0;
        var total = (int)Math.Round(rate * seconds);
        if (warmup + total > pairs.Length) return Fail($"{warmup + total} sign-ups asked for, {pairs.Length} pairs in {args[2]}");

        // 1. Connect and subscribe, 50 at a time; each waits for its first value (the current one).
        var wsUrl = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws" }.Uri;
        var subscribeText = JsonSerializer.Serialize(new
        {
            id = "1", type = "subscribe",
            payload = new { query = Subscription, variables = new { campaignId } },
        });
        var clients = Enumerable.Range(0, count).Select(_ => new Subscriber()).ToArray();
        var connectClock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (c, ct) =>
        {
            try { await c.ConnectAsync(wsUrl, subscribeText, stop.Token); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException) { c.Failure = e.Message; }
        });
        var connectMs = connectClock.ElapsedMilliseconds;
        var connected = clients.Count(c => c.Failure is null);
        if (connected < count) return Fail($"{count - connected} of {count} subscribers did not connect: {clients.First(c => c.Failure is not null).Failure}");
        var bases = clients.Select(c => c.Last).Distinct().ToArray();
        if (bases.Length != 1) return Fail($"the subscribers' first values differ: {string.Join(",", bases)}");
        var baseCount = bases[0];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        // 2a. The warm-up: the same, unmeasured; the measured sign-ups start once every subscriber has its last value.
        if (warmup > 0)
        {
            var warm = await DriveAsync(http, url, pairs[..warmup], rate);
            var stored = await StoredCountAsync(http, url);
            var warmClock = Stopwatch.StartNew();
            while (clients.Any(c => c.Failure is null && c.Last != stored) && warmClock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
            if (clients.Any(c => c.Last != stored || c.Failure is not null))
                return Fail($"after the warm-up ({warm.Ok.Count(x => x)} of {warmup} sign-ups), not every subscriber had the stored count {stored}");
            baseCount = stored;
            pairs = pairs[warmup..];
        }

        // 2b. Sign-ups at a steady rate, each answer timed.
        var before = clients.Select(c => c.Arrivals.Count).ToArray(); // values before them (the first, the warm-up's)
        var hostCpu0 = CpuTicks(hostPid);
        var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var (answers, ok, mutationTicks, errors, retries) = await DriveAsync(http, url, pairs[..total], rate);
        var driven = Stopwatch.GetElapsedTime(start);
        var succeeded = ok.Count(x => x);
        // the count as stored (a sign-up whose answer was lost may have committed all the same)
        var final = await StoredCountAsync(http, url);

        // 3. Every subscriber must end on the final count (30 s at most).
        var waitClock = Stopwatch.StartNew();
        while (clients.Any(c => c.Failure is null && c.Last != final) && waitClock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        var settled = Stopwatch.GetElapsedTime(start);
        var hostCpuMs = (CpuTicks(hostPid) - hostCpu0) * 1000 / ClockTicksPerSecond;
        var clientCpuMs = (long)(Process.GetCurrentProcess().TotalProcessorTime - clientCpu0).TotalMilliseconds;
        var missed = clients.Count(c => c.Last != final || c.Failure is not null);

        // 4. Latency per (subscriber, sign-up), in answer order.
        var answered = Enumerable.Range(0, total).Where(i => ok[i]).Select(i => answers[i]).Order().ToArray();
        var latencies = new List<double>(succeeded * count);
        var early = 0L;
        foreach (var c in clients)
        {
            var arrivals = c.Arrivals;
            var j = 0;
            for (var k = 1; k <= answered.Length; k++)
            {
                while (j < arrivals.Count && arrivals[j].Count < baseCount + k) j++;
                if (j == arrivals.Count) break; // never delivered: counted in missed
                var ms = Stopwatch.GetElapsedTime(answered[k - 1], arrivals[j].At).TotalMilliseconds;
                if (ms < 0) { early++; ms = 0; }
                latencies.Add(ms);
            }
        }
        latencies.Sort();
        var mutationMs = Enumerable.Range(0, total).Where(i => ok[i]).Select(i => mutationTicks[i] * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var deliveries = clients.Select((c, i) => c.Arrivals.Count - before[i]).ToArray(); // values during the measured sign-ups
        var messages = clients.Sum(c => (long)c.Messages);

        stop.Cancel();
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (c, _) => await c.CloseAsync());

        var failedSignUps = total - succeeded;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SUBS subscribers={count} connected={connected} connect_ms={connectMs} warmup={warmup} base={baseCount} signups={total} ok={succeeded} failed={failedSignUps} " +
            $"rate={rate:0.#} achieved_rate={succeeded / driven.TotalSeconds:0.0} drive_ms={driven.TotalMilliseconds:0} settle_ms={(settled - driven).TotalMilliseconds:0} " +
            $"samples={latencies.Count} p50_ms={Pct(latencies, 0.50):0.0} p90_ms={Pct(latencies, 0.90):0.0} p99_ms={Pct(latencies, 0.99):0.0} max_ms={(latencies.Count == 0 ? 0 : latencies[^1]):0.0} early={early} " +
            $"deliveries_avg={deliveries.Average():0.0} deliveries_min={deliveries.Min()} deliveries_max={deliveries.Max()} messages={messages} " +
            $"missed={missed} final={final} unacknowledged={final - baseCount - succeeded} final_ok={count - missed} retries={retries} " +
            $"mutation_p50_ms={Pct(mutationMs, 0.50):0.0} mutation_p99_ms={Pct(mutationMs, 0.99):0.0} " +
            $"host_cpu_ms={(hostPid > 0 ? hostCpuMs : -1)} host_cpu_pct={(hostPid > 0 ? hostCpuMs / settled.TotalMilliseconds * 100 : -1):0.0} " +
            $"client_cpu_ms={clientCpuMs} client_cpu_pct={clientCpuMs / settled.TotalMilliseconds * 100:0.0} wall_ms={settled.TotalMilliseconds:0}"));
        if (failedSignUps > 0) return Fail($"{failedSignUps} sign-ups failed, e.g. {errors.First(e => e is not null)}");
        if (missed > 0)
        {
            var first = clients.First(c => c.Last != final || c.Failure is not null);
            return Fail($"{missed} of {count} subscribers did not end on the final count {final} (e.g. at {first.Last}{(first.Failure is null ? "" : ", " + first.Failure)})");
        }
        return 0;
    }

    /// <summary>Sends one sign-up per pair, the i-th at i / rate seconds from now (not waiting for earlier answers); each answer timed.</summary>
    /// <remarks>
    /// A sign-up answered CONFLICT ("The action is busy: try again": the action's stream changed under it more often than
    /// the server retries) is sent again at once, as the web client's user would, up to 10 times; its answer is the last one's.
    /// </remarks>
    private static async Task<(long[] Answers, bool[] Ok, long[] MutationTicks, string?[] Errors, int Retries)> DriveAsync(HttpClient http, Uri url, string[][] pairs, double rate)
    {
        var retries = 0;
        var total = pairs.Length;
        var answers = new long[total];
        var ok = new bool[total];
        var mutationTicks = new long[total];
        var errors = new string?[total];
        var start = Stopwatch.GetTimestamp();
        var tasks = new Task[total];
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    try
                    {
                        if (attempt > 0) Interlocked.Increment(ref retries);
                        using var request = new HttpRequestMessage(HttpMethod.Post, url)
                        {
                            Content = new StringContent(JsonSerializer.Serialize(new { query = SignUp, variables = new { id = pairs[index][1] } }), Encoding.UTF8, "application/json"),
                        };
                        request.Headers.Authorization = new("Bearer", pairs[index][0]);
                        using var response = await http.SendAsync(request);
                        var body = await response.Content.ReadAsStringAsync();
                        answers[index] = Stopwatch.GetTimestamp();
                        mutationTicks[index] = answers[index] - sent;
                        using var json = JsonDocument.Parse(body);
                        ok[index] = response.StatusCode == HttpStatusCode.OK && !json.RootElement.TryGetProperty("errors", out _)
                            && json.RootElement.GetProperty("data").GetProperty("signUpForAction").GetProperty("errors").GetArrayLength() == 0;
                        errors[index] = ok[index] ? null : body.Length > 300 ? body[..300] : body;
                        if (ok[index] || !body.Contains("\"CONFLICT\"", StringComparison.Ordinal)) break;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
                    {
                        errors[index] = e.Message;
                        break;
                    }
                }
            });
        }
        await Task.WhenAll(tasks);
        return (answers, ok, mutationTicks, errors, retries);
    }

    /// <summary>The subscription campaign's sign-ups as stored (the seeder's slug for it: bench-subscriptions).</summary>
    private static async Task<int> StoredCountAsync(HttpClient http, Uri url)
    {
        using var response = await http.PostAsync(url, new StringContent(
            "{\"query\":\"{ campaign(slug: \\\"bench-subscriptions\\\") { progress { signUps } } }\"}", Encoding.UTF8, "application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetProperty("campaign").GetProperty("progress").GetProperty("signUps").GetInt32();
    }

    private static double Pct(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"subscribers: {message}");
        return 1;
    }

    /// <summary>Linux's USER_HZ: /proc's CPU times are in these (100 on every Linux this runs on).</summary>
    private const long ClockTicksPerSecond = 100;

    /// <summary>user + system CPU of a process so far, in clock ticks, from /proc/&lt;pid&gt;/stat (0 without a pid).</summary>
    private static long CpuTicks(int pid)
    {
        if (pid <= 0) return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd on
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>One subscriber: its socket, the values it received (arrival time, signUps) and how it ended.</summary>
    private sealed class Subscriber
    {
        private readonly ClientWebSocket socket = new();
        private readonly Lock gate = new();
        private readonly List<(long At, int Count)> arrivals = [];
        private Task? receiving;
        private volatile int last = -1;

        public string? Failure { get; set; }

        public int Messages { get; private set; }

        public int Last => last;

        public List<(long At, int Count)> Arrivals
        {
            get { lock (gate) return [.. arrivals]; }
        }

        public async Task ConnectAsync(Uri url, string subscribe, CancellationToken stop)
        {
            socket.Options.AddSubProtocol("graphql-transport-ws");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(url, timeout.Token);
            await SendAsync("{\"type\":\"connection_init\",\"payload\":{}}", timeout.Token);
            var ack = await ReceiveAsync(new byte[4096], timeout.Token);
            if (ack?.Type != "connection_ack") throw new WebSocketException($"no connection_ack: {ack?.Type ?? "closed " + socket.CloseStatus + " " + socket.CloseStatusDescription}");
            await SendAsync(subscribe, timeout.Token);
            var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            receiving = Task.Run(() => ReceiveLoopAsync(first, stop));
            await first.Task.WaitAsync(timeout.Token);
        }

        private async Task ReceiveLoopAsync(TaskCompletionSource first, CancellationToken stop)
        {
            var buffer = new byte[8192];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var message = await ReceiveAsync(buffer, stop);
                    if (message is null) { Failure ??= $"closed by the server: {socket.CloseStatus} {socket.CloseStatusDescription}"; break; }
                    Messages++;
                    switch (message.Value.Type)
                    {
                        case "next" when message.Value.SignUps is { } n:
                            lock (gate) arrivals.Add((message.Value.At, n));
                            last = n;
                            first.TrySetResult();
                            break;
                        case "ping":
                            await SendAsync("{\"type\":\"pong\"}", stop);
                            break;
                        case "pong":
                            break;
                        default:
                            Failure ??= $"unexpected message: {message.Value.Text}";
                            first.TrySetException(new WebSocketException(Failure));
                            return;
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                if (!stop.IsCancellationRequested) Failure ??= e.Message;
                first.TrySetException(e);
            }
        }

        private Task SendAsync(string text, CancellationToken ct) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

        private readonly record struct Received(string? Type, int? SignUps, long At, string Text);

        private async Task<Received?> ReceiveAsync(byte[] buffer, CancellationToken ct)
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                length += result.Count;
                if (result.EndOfMessage) break;
            }
            var at = Stopwatch.GetTimestamp();
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = json.RootElement;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            int? signUps = type == "next" && root.TryGetProperty("payload", out var p) && p.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty("campaignProgress", out var cp) && cp.ValueKind == JsonValueKind.Object ? cp.GetProperty("signUps").GetInt32() : null;
            return new Received(type, signUps, at, type == "next" && signUps is not null ? "" : Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 300)));
        }

        public async Task CloseAsync()
        {
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException) { }
            socket.Dispose();
            if (receiving is not null) await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
