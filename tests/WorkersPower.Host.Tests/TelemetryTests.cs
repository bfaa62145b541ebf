using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Wolverine;
using WorkersPower.Host.Telemetry;
using WorkersPower.Testing;
using Xunit.Abstractions;

namespace WorkersPower.Host.Tests;

/// <summary>A message whose handler always fails, with a message that must not be exported.</summary>
public sealed record TelemetryProbe(Guid Id);

public static class TelemetryProbeHandler
{
    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public static void Handle(TelemetryProbe probe)
    {
        Attempts.AddOrUpdate(probe.Id, 1, (_, n) => n + 1);
        throw new InvalidOperationException($"secret-{probe.Id:N} could not be handled");
    }
}

/// <summary>
/// A host with telemetry on (OpenTelemetry:Enabled, Prometheus for the listed addresses) whose spans and metrics go to
/// the SDK's in-memory exporters, after the host's own processors. A test request may say its client address in
/// <see cref="RemoteAddressHeader"/> (the test server gives none).
/// </summary>
public sealed class TelemetryFixture : PlatformFixture
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    public LockedCollection<Activity> Spans { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["OpenTelemetry:Enabled"] = "true";
        settings["OpenTelemetry:SamplingRatio"] = "1";
        settings["Metrics:Prometheus"] = "true";
        settings["Metrics:AllowedAddresses"] = "127.0.0.1, ::1, 10.20.0.0/16";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(b => b.AddInMemoryExporter(Metrics));
        services.ConfigureWolverine(o =>
        {
            o.Discovery.IncludeType(typeof(TelemetryProbeHandler));
            o.Durability.ScheduledJobFirstExecution = TimeSpan.Zero;
            o.Durability.ScheduledJobPollingTime = TimeSpan.FromMilliseconds(200);
        });
        services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
    }

    /// <summary>Collects the metrics now; the last value of each instrument.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> CollectMetrics()
    {
        Services.GetRequiredService<MeterProvider>().ForceFlush();
        var last = new Dictionary<string, MetricSnapshot>();
        foreach (var metric in Metrics.Snapshot()) last[metric.Name] = metric;
        return last;
    }

    public async Task PublishAsync(object message)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(message);
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers.TryGetValue(RemoteAddressHeader, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                return following(http);
            });
            next(app);
        };
    }
}

/// <summary>A list the exporters add to from any thread while a test reads it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public List<T> Snapshot()
    {
        lock (items) return [.. items];
    }

    public void Add(T item)
    {
        lock (items) items.Add(item);
    }

    public void Clear()
    {
        lock (items) items.Clear();
    }

    public bool Contains(T item)
    {
        lock (items) return items.Contains(item);
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (items) items.CopyTo(array, arrayIndex);
    }

    public bool Remove(T item)
    {
        lock (items) return items.Remove(item);
    }

    public int Count
    {
        get { lock (items) return items.Count; }
    }

    public bool IsReadOnly => false;

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// What the host exports, read in-process from the SDK's in-memory exporters: the spans and metrics of one mutation,
/// one subscription delivery and one failed message, with no personal data in any of them; no span of a vote.
/// </summary>
public sealed class TelemetryTests(TelemetryFixture fixture, ITestOutputHelper output) : IClassFixture<TelemetryFixture>
{
    private const string Apply = """
        mutation TelemetryApply($input: ApplyForMembershipInput!) {
          applyForMembership(input: $input) { application { id email } errors { code message field } }
        }
        """;

    [Fact]
    public async Task A_mutation_over_HTTP_exports_its_operation_span_its_SQL_in_the_same_trace_and_its_metrics_and_no_personal_data()
    {
        var email = MembershipApi.UniqueEmail("telemetry");
        var given = "Zelinda" + RandomLetters();
        var family = "Quorrington" + RandomLetters();
        var phone = $"+44 20 7946 {Random.Shared.Next(1000, 9999)}";
        var input = MembershipApi.Application(email, given, family);
        input["phone"] = phone;
        var trace = ActivityTraceId.CreateRandom();

        var response = await PostAsync(Apply, new { input }, trace);
        response.UserErrors("applyForMembership").ShouldBeEmpty(response.Body);

        var spans = await SpansOfAsync(trace, s => s.Source.Name == PlatformTelemetry.Name);
        Describe(spans);
        var operation = spans.Single(s => s.Source.Name == PlatformTelemetry.Name);
        operation.DisplayName.ShouldBe("graphql mutation TelemetryApply");
        operation.GetTagItem(GraphQLTelemetry.OperationName).ShouldBe("TelemetryApply");
        operation.GetTagItem(GraphQLTelemetry.OperationType).ShouldBe("mutation");
        operation.GetTagItem(GraphQLTelemetry.ErrorCodes).ShouldBeNull();
        operation.Status.ShouldNotBe(ActivityStatusCode.Error);
        var request = spans.Single(s => s.Source.Name == "Microsoft.AspNetCore");
        operation.ParentSpanId.ShouldBe(request.SpanId);
        // the SQL of the application, under the operation's span (through Wolverine's, when it has one)
        var sql = spans.Where(s => s.Source.Name == "Npgsql" && Within(s, operation, spans)).ToList();
        sql.ShouldNotBeEmpty();
        sql.ShouldContain(s => Statement(s).Contains("membership", StringComparison.Ordinal));

        var metrics = fixture.CollectMetrics();
        Points(metrics["workerspower.graphql.operations"]).ShouldContain(p => Tag(p, "operation") == "TelemetryApply" && Tag(p, "type") == "mutation" && p.GetSumLong() >= 1);
        Points(metrics["workerspower.graphql.operation.duration"]).ShouldContain(p => Tag(p, "operation") == "TelemetryApply" && p.GetHistogramCount() >= 1);
        metrics.ShouldContainKey("http.server.request.duration");
        // the libraries' meters: Npgsql (pool), the runtime (GC, memory), Wolverine (inbox, outbox, handling)
        metrics.Keys.ShouldContain("db.client.connections.usage");
        metrics.Keys.ShouldContain("dotnet.gc.collections");
        metrics.Keys.ShouldContain("dotnet.process.memory.working_set");
        metrics.Keys.ShouldContain(k => k.StartsWith("wolverine", StringComparison.Ordinal));

        var exported = Everything(fixture.Spans.Snapshot(), metrics.Values);
        foreach (var secret in new[] { email, given, family, phone, "I want to organise at work.", "E1 6AN" })
            exported.ShouldNotContain(secret, Case.Insensitive, $"'{secret}' was exported");
    }

    [Fact]
    public async Task A_failed_operation_carries_its_error_codes_and_the_errors_metric()
    {
        var trace = ActivityTraceId.CreateRandom();
        var response = await PostAsync("mutation TelemetryForbidden { createBranch(input: { name: \"x\", region: \"y\" }) { errors { code } } }", null, trace);
        response.ErrorCodes.ShouldNotBeEmpty(response.Body);

        var operation = (await SpansOfAsync(trace, s => s.Source.Name == PlatformTelemetry.Name)).Single(s => s.Source.Name == PlatformTelemetry.Name);
        operation.Status.ShouldBe(ActivityStatusCode.Error);
        operation.StatusDescription.ShouldBeNull();
        ((string[])operation.GetTagItem(GraphQLTelemetry.ErrorCodes)!).ShouldBe(response.ErrorCodes.Distinct().ToArray());
        Points(fixture.CollectMetrics()["workerspower.graphql.errors"])
            .ShouldContain(p => Tag(p, "operation") == "TelemetryForbidden" && Tag(p, "code") == response.ErrorCodes[0]);
    }

    [Fact]
    public async Task A_persisted_document_is_named_by_its_operation_and_carries_its_id()
    {
        var trace = ActivityTraceId.CreateRandom();
        var id = Persisted.IdOf("LatestArticles.graphql");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { documentId = id, variables = new { first = 3 } }) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        (await fixture.Client.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var operation = (await SpansOfAsync(trace, s => s.Source.Name == PlatformTelemetry.Name)).Single(s => s.Source.Name == PlatformTelemetry.Name);
        operation.DisplayName.ShouldBe("graphql query LatestArticles");
        operation.GetTagItem(GraphQLTelemetry.DocumentId).ShouldBe(id);
        operation.GetTagItem(GraphQLTelemetry.OperationType).ShouldBe("query");
    }

    [Fact]
    public async Task A_subscription_delivery_over_the_WebSocket_has_its_span_and_the_subscription_is_counted_while_it_runs()
    {
        var admin = await fixture.AdminTokenAsync();
        var (campaignId, _, _) = await WebData.LaunchCampaignAsync(fixture.Client, admin, "Telemetry", "Counted.", 10);
        var client = fixture.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        using var socket = await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
        await WebSocketJson.SendAsync(socket, new { type = "connection_init" });
        (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        await WebSocketJson.SendAsync(socket, new
        {
            id = "p",
            type = "subscribe",
            payload = new { query = "subscription TelemetryProgress($id: ID!) { campaignProgress(campaignId: $id) { signUps } }", variables = new { id = campaignId } },
        });
        var next = (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!;
        next["type"]!.GetValue<string>().ShouldBe("next", next.ToJsonString());

        GraphQLTelemetry.Subscriptions.ShouldBeGreaterThanOrEqualTo(1);
        var metrics = fixture.CollectMetrics();
        Points(metrics["workerspower.graphql.subscriptions"]).Sum(p => p.GetSumLong()).ShouldBeGreaterThanOrEqualTo(1);
        Points(metrics["workerspower.websocket.connections"]).Sum(p => p.GetSumLong()).ShouldBeGreaterThanOrEqualTo(1);
        Points(metrics["workerspower.graphql.subscription.deliveries"]).ShouldContain(p => Tag(p, "operation") == "TelemetryProgress" && p.GetSumLong() >= 1);

        var delivery = await WaitForAsync(() => fixture.Spans.Snapshot().FirstOrDefault(s => s.DisplayName == "graphql subscription TelemetryProgress delivery"));
        delivery.GetTagItem(GraphQLTelemetry.OperationName).ShouldBe("TelemetryProgress");
        delivery.GetTagItem(GraphQLTelemetry.OperationType).ShouldBe("subscription");
        var start = fixture.Spans.Snapshot().Single(s => s.DisplayName == "graphql subscription TelemetryProgress");
        // an operation on a socket starts its own trace, linked to the connection's
        start.ParentSpanId.ShouldBe(default);
        start.Links.ShouldNotBeEmpty();

        await WebSocketJson.SendAsync(socket, new { id = "p", type = "complete" });
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_message_exports_its_handling_span_with_error_status_and_exception_type_but_no_message()
    {
        var probe = new TelemetryProbe(Guid.NewGuid());
        await fixture.PublishAsync(probe);
        var failed = await WaitForAsync(() => fixture.Spans.Snapshot().FirstOrDefault(s =>
            s.Source.Name == "Wolverine" && s.Status == ActivityStatusCode.Error && s.TagObjects.Any(t => t.Value is string v && v.Contains(nameof(TelemetryProbe), StringComparison.Ordinal))));
        Describe([failed]);
        failed.StatusDescription.ShouldBeNull();
        var exception = failed.Events.Where(e => e.Name == "exception").SelectMany(e => e.Tags).ToList();
        exception.ShouldContain(t => t.Key == "exception.type" && (t.Value as string ?? "").Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        exception.ShouldNotContain(t => t.Key == "exception.message" || t.Key == "exception.stacktrace");
        Everything(fixture.Spans.Snapshot(), []).ShouldNotContain($"secret-{probe.Id:N}");
    }

    [Fact]
    public async Task A_vote_exports_no_span_of_its_request_its_operation_or_its_SQL_and_is_still_counted()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var trace = ActivityTraceId.CreateRandom();
        // a ballot that does not exist: the vote runs through the ballot box (its lock and reads) and is refused there
        var ballot = Platform.GlobalId.Encode("Ballot", Guid.NewGuid());
        var response = await PostAsync("mutation TelemetryVote($input: CastVoteInput!) { castVote(input: $input) { receipt errors { code } } }",
            new { input = new { ballotId = ballot, choice = new[] { "YES" } } }, trace, member.Token);
        response["castVote.errors"]!.AsArray().ShouldNotBeEmpty(response.Body);

        // a request after it, in the same way, is exported: the exporter has caught up with the vote
        var after = ActivityTraceId.CreateRandom();
        (await PostAsync("query TelemetryAfterVote { __typename }", null, after)).ShouldSucceed();
        await SpansOfAsync(after, s => s.Source.Name == "Microsoft.AspNetCore");

        var ofVote = fixture.Spans.Snapshot().Where(s => s.TraceId == trace).ToList();
        Describe(ofVote);
        // nothing at all: not the request, not the operation, not the ballot box's SQL, not the token's check before it
        ofVote.ShouldBeEmpty();
        Points(fixture.CollectMetrics()["workerspower.graphql.operations"]).ShouldContain(p => Tag(p, "operation") == "TelemetryVote" && p.GetSumLong() >= 1);
    }

    [Fact]
    public async Task Metrics_answers_Prometheus_text_to_an_allowed_address_and_404_to_others()
    {
        var allowed = await ScrapeAsync("127.0.0.1");
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await allowed.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE ");
        text.ShouldContain("workerspower_graphql_operations");
        (await ScrapeAsync("10.20.3.4")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ScrapeAsync("10.21.0.1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ScrapeAsync("192.168.1.10")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> ScrapeAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(TelemetryFixture.RemoteAddressHeader, address);
        return await fixture.Client.Http.SendAsync(request);
    }

    private async Task<GraphQLResponse> PostAsync(string query, object? variables, ActivityTraceId trace, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.Client.Http.SendAsync(request);
        return new GraphQLResponse(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The exported spans of a trace, once one matching <paramref name="until"/> is there (spans end after the answer).</summary>
    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId trace, Func<Activity, bool> until)
    {
        await WaitForAsync(() => fixture.Spans.Snapshot().FirstOrDefault(s => s.TraceId == trace && until(s)));
        await WaitForAsync(() => fixture.Spans.Snapshot().FirstOrDefault(s => s.TraceId == trace && s.Source.Name == "Microsoft.AspNetCore"));
        return fixture.Spans.Snapshot().Where(s => s.TraceId == trace).ToList();
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (find() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Not exported within 20 s.");
            await Task.Delay(50);
        }
    }

    private static bool Within(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var next = spans.FirstOrDefault(s => s.SpanId == parent);
            if (next is null) return false;
            parent = next.ParentSpanId;
        }
        return false;
    }

    /// <summary>The SQL of an Npgsql span (its attribute name depends on Npgsql's semantic conventions version).</summary>
    private static string Statement(Activity span) => span.GetTagItem("db.query.text") as string ?? span.GetTagItem("db.statement") as string ?? "";

    private static List<MetricPoint> Points(MetricSnapshot metric) => [.. metric.MetricPoints];

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }

    /// <summary>Every exported name, attribute, event, link, status and metric tag, as text.</summary>
    private static string Everything(IEnumerable<Activity> spans, IEnumerable<MetricSnapshot> metrics)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.Append(span.DisplayName).Append(' ').Append(span.StatusDescription).Append('\n');
            foreach (var tag in span.TagObjects) text.Append(tag.Key).Append('=').Append(Value(tag.Value)).Append('\n');
            foreach (var e in span.Events)
            {
                text.Append(e.Name).Append('\n');
                foreach (var tag in e.Tags) text.Append(tag.Key).Append('=').Append(Value(tag.Value)).Append('\n');
            }
            foreach (var link in span.Links)
                foreach (var tag in link.Tags ?? []) text.Append(tag.Key).Append('=').Append(Value(tag.Value)).Append('\n');
            foreach (var baggage in span.Baggage) text.Append(baggage.Key).Append('=').Append(baggage.Value).Append('\n');
        }
        foreach (var metric in metrics)
            foreach (var point in metric.MetricPoints)
                foreach (var tag in point.Tags) text.Append(metric.Name).Append(' ').Append(tag.Key).Append('=').Append(Value(tag.Value)).Append('\n');
        return text.ToString();
    }

    private static string Value(object? value) => value is string[] strings ? string.Join(",", strings) : value?.ToString() ?? "";

    private static string RandomLetters() => new([.. Enumerable.Range(0, 6).Select(_ => (char)('a' + Random.Shared.Next(26)))]);

    private void Describe(IEnumerable<Activity> spans)
    {
        foreach (var s in spans)
            output.WriteLine($"{s.Source.Name} | {s.DisplayName} | {s.Status} | parent {s.ParentSpanId} | {string.Join("; ", s.TagObjects.Select(t => $"{t.Key}={Value(t.Value)}"))} | events {string.Join("; ", s.Events.Select(e => e.Name + "{" + string.Join(",", e.Tags.Select(t => t.Key)) + "}"))}");
    }
}

/// <summary>Telemetry's settings and the /metrics access rule, without a host.</summary>
public sealed class TelemetrySettingsTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.1, ::1", "::1", true)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("", "127.0.0.1", false)]
    public void Only_the_listed_addresses_and_ranges_may_scrape(string allowed, string address, bool allows) =>
        ScrapeAddresses.Parse(allowed).Allows(IPAddress.Parse(address)).ShouldBe(allows);

    [Fact]
    public void An_unknown_address_may_not_scrape() => ScrapeAddresses.Parse("127.0.0.1").Allows(null).ShouldBeFalse();

    [Theory]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    [InlineData("127.0.0.1, nonsense")]
    public void A_wrong_entry_fails_with_a_message_naming_it(string allowed) =>
        Should.Throw<InvalidOperationException>(() => ScrapeAddresses.Parse(allowed)).Message.ShouldContain("Metrics:AllowedAddresses");

    [Fact]
    public void By_default_nothing_is_collected_so_no_provider_costs_a_request_anything()
    {
        var settings = new OpenTelemetrySettings();
        settings.Traces.ShouldBeFalse();
        settings.Metrics(new MetricsSettings()).ShouldBeFalse();
        new MetricsSettings().Prometheus.ShouldBeFalse();
        new OpenTelemetrySettings { Endpoint = new Uri("http://collector:4317") }.Traces.ShouldBeTrue();
        new OpenTelemetrySettings { Console = true }.Traces.ShouldBeTrue();
        new OpenTelemetrySettings().Metrics(new MetricsSettings { Prometheus = true }).ShouldBeTrue();
    }

    [Theory]
    [InlineData(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, "http://collector:4317/", "http://collector:4317/")]
    [InlineData(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, "http://collector:4318/otlp/", "http://collector:4318/otlp/v1/traces")]
    public void Over_HTTP_each_signal_goes_to_its_own_path(OpenTelemetry.Exporter.OtlpExportProtocol protocol, string endpoint, string expected)
    {
        var options = new OpenTelemetry.Exporter.OtlpExporterOptions();
        TelemetryComposition.Otlp(options, new Uri(endpoint), protocol, "v1/traces");
        options.Protocol.ShouldBe(protocol);
        options.Endpoint.ShouldBe(new Uri(expected));
    }

    [Theory]
    [InlineData("url.query", true)]
    [InlineData("client.address", true)]
    [InlineData("enduser.id", true)]
    [InlineData("http.request.header.authorization", true)]
    [InlineData("exception.message", true)]
    [InlineData("graphql.document", true)]
    [InlineData("graphql.document.id", false)]
    [InlineData("exception.type", false)]
    [InlineData("http.route", false)]
    [InlineData("db.query.text", false)]
    public void The_privacy_processor_drops_attributes_that_could_carry_personal_data(string key, bool dropped) =>
        PrivacyProcessor.IsDropped(key).ShouldBe(dropped);

    [Fact]
    public void The_privacy_processor_strips_the_exception_message_and_status_description_and_keeps_the_type()
    {
        using var activity = new Activity("probe").Start();
        activity.SetTag("url.query", "?token=secret");
        activity.SetTag("http.route", "/graphql");
        activity.SetStatus(ActivityStatusCode.Error, "secret input");
        activity.AddException(new InvalidOperationException("secret input"));
        activity.Stop();
        new PrivacyProcessor().OnEnd(activity);
        activity.GetTagItem("url.query").ShouldBeNull();
        activity.GetTagItem("http.route").ShouldBe("/graphql");
        activity.Status.ShouldBe(ActivityStatusCode.Error);
        activity.StatusDescription.ShouldBeNull();
        var tags = activity.Events.Single().Tags.ToList();
        tags.ShouldContain(t => t.Key == "exception.type");
        tags.ShouldNotContain(t => t.Key == "exception.message" || t.Key == "exception.stacktrace");
    }
}

/// <summary>/metrics with the default settings: not there.</summary>
public sealed class TelemetryDefaultsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Metrics_is_off_by_default()
    {
        (await fixture.Client.Http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        fixture.Services.GetService<MeterProvider>().ShouldBeNull();
        fixture.Services.GetService<TracerProvider>().ShouldBeNull();
    }
}
