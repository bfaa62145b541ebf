using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Campaigns;
using WorkersPower.Host.Operations;
using WorkersPower.Host.Telemetry;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>A real server whose Wolverine also runs the failure probes, to make dead letters.</summary>
public sealed class OperationsOverviewFixture : FailureProbeServerFixture;

/// <summary>
/// operationsOverview (admins only) and the gauges: the deployment's queues, dead letters and projection lag read from
/// PostgreSQL (a reading is reused for 10 s, so these tests poll), this node's operation figures, no personal data.
/// </summary>
public sealed class OperationsOverviewTests(OperationsOverviewFixture fixture) : IClassFixture<OperationsOverviewFixture>
{
    private const string Overview = """
        query Overview($first: Int) { operationsOverview {
          node startedAt uptimeSeconds readAt databaseReady
          queues { incoming scheduled outgoing }
          deadLetters { total lastHour }
          projections { module projection position highWaterMark eventsBehind secondsBehind }
          slowestOperations(first: $first) { name type count errors p50Milliseconds p95Milliseconds p99Milliseconds maxMilliseconds }
          minutes { start count errors p95Milliseconds }
        } }
        """;

    [Fact]
    public async Task An_admin_reads_the_overview_and_members_and_organisers_are_refused()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");

        var response = await fixture.Client.PostAsync(Overview, new { first = 10 }, await fixture.AdminTokenAsync());
        response.ShouldSucceed();
        var overview = response["operationsOverview"]!;
        overview["node"]!.GetValue<string>().ShouldBe(Environment.MachineName);
        overview["uptimeSeconds"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        overview["databaseReady"]!.GetValue<bool>().ShouldBeTrue();
        overview["queues"]!["incoming"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        overview["deadLetters"]!["total"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(0);
        overview["projections"]!.AsArray().ShouldContain(p => p!["module"]!.GetValue<string>() == CampaignsModule.Schema
            && p["projection"]!.GetValue<string>() == "CampaignDay");
        overview["minutes"]!.AsArray().Count.ShouldBe(60);
        // nothing about anyone: the members made above appear nowhere in it
        response.Body.ShouldNotContain(member.Email);
        response.Body.ShouldNotContain(organiser.Email);

        (await fixture.Client.PostAsync(Overview)).ErrorCodes.ShouldContain("UNAUTHENTICATED");
        (await fixture.Client.PostAsync(Overview, token: member.Token)).ErrorCodes.ShouldContain("FORBIDDEN");
        var asOrganiser = await fixture.Client.PostAsync(Overview, token: organiser.Token);
        asOrganiser.ErrorCodes.ShouldContain("FORBIDDEN");
        asOrganiser.Body.ShouldNotContain("databaseReady\":");
    }

    [Fact]
    public async Task This_nodes_operations_show_slowest_first_and_minute_by_minute()
    {
        // what the GraphQL pipeline records for each operation, on the host's own figures
        var stats = fixture.Services.GetRequiredService<OperationStats>();
        var slow = "SlowOverviewProbe" + Guid.NewGuid().ToString("N")[..8];
        var quick = "QuickOverviewProbe" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 20; i++) stats.Record(slow, "mutation", TimeSpan.FromSeconds(12), failed: i < 3);
        for (var i = 0; i < 5; i++) stats.Record(quick, "query", TimeSpan.FromMilliseconds(4), failed: false);

        var overview = (await fixture.Client.DataAsync(Overview, new { first = 100 }, await fixture.AdminTokenAsync()))["operationsOverview"]!;
        var slowest = overview["slowestOperations"]!.AsArray();
        slowest[0]!["name"]!.GetValue<string>().ShouldBe(slow, "12 s is slower than anything else this host ran");
        slowest[0]!["type"]!.GetValue<string>().ShouldBe("mutation");
        slowest[0]!["count"]!.GetValue<int>().ShouldBe(20);
        slowest[0]!["errors"]!.GetValue<int>().ShouldBe(3);
        slowest[0]!["p95Milliseconds"]!.GetValue<double>().ShouldBe(12_000);
        slowest[0]!["maxMilliseconds"]!.GetValue<double>().ShouldBe(12_000);
        var quickRow = slowest.Single(o => o!["name"]!.GetValue<string>() == quick)!;
        quickRow["count"]!.GetValue<int>().ShouldBe(5);
        quickRow["p50Milliseconds"]!.GetValue<double>().ShouldBe(4);

        var minutes = overview["minutes"]!.AsArray();
        minutes.Count.ShouldBe(60);
        var starts = minutes.Select(m => DateTimeOffset.Parse(m!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        starts.ShouldBe(starts.Order().ToList());
        minutes.Sum(m => m!["count"]!.GetValue<int>()).ShouldBeGreaterThanOrEqualTo(25);
        minutes.Sum(m => m!["errors"]!.GetValue<int>()).ShouldBeGreaterThanOrEqualTo(3);
        minutes.Max(m => m!["p95Milliseconds"]!.GetValue<double>()).ShouldBe(12_000);

        var one = (await fixture.Client.DataAsync(Overview, new { first = 1 }, await fixture.AdminTokenAsync()))["operationsOverview"]!;
        one["slowestOperations"]!.AsArray().Count.ShouldBe(1);
        var refused = await fixture.Client.PostAsync(Overview, new { first = 0 }, await fixture.AdminTokenAsync());
        refused.ErrorCodes.ShouldContain("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Real_operations_show_by_their_names_with_their_failures()
    {
        var admin = await fixture.AdminTokenAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (ok, failing) = ($"OverviewBranches{suffix}", $"OverviewRefused{suffix}");
        for (var i = 0; i < 3; i++) (await fixture.Client.PostAsync($"query {ok} {{ branches {{ name }} }}", token: admin)).ShouldSucceed();
        (await fixture.Client.PostAsync($"query {failing} {{ deadLetters(first: 1) {{ totalCount }} }}")).ErrorCodes.ShouldContain("UNAUTHENTICATED");

        var overview = (await fixture.Client.DataAsync(Overview, new { first = 100 }, admin))["operationsOverview"]!;
        var rows = overview["slowestOperations"]!.AsArray();
        var branches = rows.Single(r => r!["name"]!.GetValue<string>() == ok)!;
        branches["type"]!.GetValue<string>().ShouldBe("query");
        branches["count"]!.GetValue<int>().ShouldBe(3);
        branches["errors"]!.GetValue<int>().ShouldBe(0);
        branches["maxMilliseconds"]!.GetValue<double>().ShouldBeGreaterThan(0);
        var refused = rows.Single(r => r!["name"]!.GetValue<string>() == failing)!;
        refused["count"]!.GetValue<int>().ShouldBe(1);
        refused["errors"]!.GetValue<int>().ShouldBe(1);
        overview["minutes"]!.AsArray().TakeLast(2).Sum(m => m!["count"]!.GetValue<int>()).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task A_message_that_failed_for_good_counts_as_a_dead_letter_and_the_gauge_shows_it()
    {
        await fixture.PublishAsync(new PoisonProbe(Guid.NewGuid()));
        var overview = await WaitForAsync(o => o["deadLetters"]!["total"]!.GetValue<int>() > 0, "the dead letter was never counted");
        // a fresh database: this one dead letter, failed just now, counted once although every module's store is asked
        overview["deadLetters"]!["total"]!.GetValue<int>().ShouldBe(1);
        overview["deadLetters"]!["lastHour"]!.GetValue<int>().ShouldBe(1);

        var measured = Gauges();
        measured.ShouldContain(m => m.Name == "workerspower.wolverine.dead_letters" && m.Value == 1);
        measured.ShouldContain(m => m.Name == "workerspower.wolverine.incoming" && m.Value >= 0);
        measured.ShouldContain(m => m.Name == "workerspower.wolverine.scheduled" && m.Value >= 0);
        measured.ShouldContain(m => m.Name == "workerspower.wolverine.outgoing" && m.Value >= 0);
        measured.Where(m => m.Name.StartsWith("workerspower.wolverine.", StringComparison.Ordinal)).ShouldAllBe(m => m.Tags.Length == 0);

        // two hours later (the letter's times moved back): still a dead letter, no longer one of the last hour
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "update wolverine.wolverine_dead_letters set failed_at = failed_at - interval '2 hours', sent_at = sent_at - interval '2 hours'", connection);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var later = await WaitForAsync(o => o["deadLetters"]!["lastHour"]!.GetValue<int>() == 0, "the aged dead letter still counted as the last hour's");
        later["deadLetters"]!["total"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_projection_held_behind_shows_its_lag_and_a_caught_up_one_none()
    {
        var admin = await fixture.AdminTokenAsync();
        await WebData.LaunchCampaignAsync(fixture.Client, admin, "Lag check", "A campaign for the lag check.", 10);
        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var caughtUp = await WaitForAsync(o => Lag(o) is { } l && l["highWaterMark"]!.GetValue<int>() > 0 && l["eventsBehind"]!.GetValue<int>() == 0,
            "the caught-up projection never showed no lag");
        Lag(caughtUp)!["secondsBehind"]!.GetValue<double>().ShouldBe(0);
        Lag(caughtUp)!["position"]!.GetValue<int>().ShouldBe(Lag(caughtUp)!["highWaterMark"]!.GetValue<int>());

        // the store's projection daemon paused (as on a node whose daemon stopped): its shards stay where they are
        var coordinator = fixture.Services.GetRequiredService<IProjectionCoordinator<ICampaignsStore>>();
        await coordinator.PauseAsync();
        try
        {
            await WebData.LaunchCampaignAsync(fixture.Client, admin, "Lag check two", "Another campaign for the lag check.", 10);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var behind = await WaitForAsync(o => Lag(o)!["eventsBehind"]!.GetValue<int>() > 0, "the projection held behind never showed lag");
            var lag = Lag(behind)!;
            lag["highWaterMark"]!.GetValue<int>().ShouldBeGreaterThan(lag["position"]!.GetValue<int>());
            lag["eventsBehind"]!.GetValue<int>().ShouldBe(lag["highWaterMark"]!.GetValue<int>() - lag["position"]!.GetValue<int>());
            lag["secondsBehind"]!.GetValue<double>().ShouldBeGreaterThan(0.5);

            var measured = Gauges();
            measured.ShouldContain(m => m.Name == "workerspower.projection.lag.events" && m.Value > 0
                && m.Tags.Contains(new KeyValuePair<string, object?>("module", "campaigns")) && m.Tags.Contains(new KeyValuePair<string, object?>("projection", "CampaignDay")));
            measured.ShouldContain(m => m.Name == "workerspower.projection.lag.seconds" && m.Value > 0.5);
        }
        finally
        {
            await coordinator.ResumeAsync();
        }
    }

    [Fact]
    public async Task A_part_that_cannot_be_read_is_unavailable_the_rest_still_read_and_a_reading_is_reused()
    {
        var services = fixture.Services;
        var state = new PlatformState(services, services.GetRequiredService<DeadLetterStores>(),
            [new Platform.ModuleStore("nowhere", typeof(IUnregisteredStore))], new FailingHealthChecks(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PlatformState>.Instance);

        var reading = await state.ReadAsync();
        reading.DatabaseReady.ShouldBeFalse("a health check that fails is not ready");
        reading.Projections.ShouldBeNull("a store that cannot be read is unavailable, not empty");
        reading.Queues.ShouldNotBeNull();
        reading.DeadLetters.ShouldNotBeNull();
        (await state.ReadAsync()).ShouldBeSameAs(reading, "within 10 s the reading is reused");
        state.Last.ShouldBeSameAs(reading);
    }

    /// <summary>A module store nobody registered: resolving it fails.</summary>
    public interface IUnregisteredStore : IDocumentStore;

    private sealed class FailingHealthChecks : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService
    {
        public override Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport> CheckHealthAsync(
            Func<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the health checks cannot run");
    }

    private static JsonNode? Lag(JsonNode overview) =>
        overview["projections"]?.AsArray().FirstOrDefault(p => p!["module"]!.GetValue<string>() == "campaigns" && p["projection"]!.GetValue<string>() == "CampaignDay");

    private async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var overview = (await fixture.Client.DataAsync(Overview, new { first = 10 }, await fixture.AdminTokenAsync()))["operationsOverview"]!;
            if (condition(overview)) return overview;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{failure}: {overview.ToJsonString()}");
            await Task.Delay(500);
        }
    }

    private sealed record Measured(string Name, double Value, KeyValuePair<string, object?>[] Tags);

    /// <summary>One collection of this host's gauges, as an exporter would make it.</summary>
    private List<Measured> Gauges()
    {
        var mine = fixture.Services.GetRequiredService<PlatformGauges>().Instruments;
        var measured = new List<Measured>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (mine.Contains(instrument)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measured.Add(new Measured(i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Add(new Measured(i.Name, v, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Add(new Measured(i.Name, v, tags.ToArray())));
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }
}

/// <summary>The lag arithmetic, without a database.</summary>
public sealed class ProjectionLagTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Behind_counts_the_events_after_the_position_and_the_age_of_the_first_of_them()
    {
        var lag = ProjectionLag.Of("campaigns", "CampaignDay", 100, 145, Now.AddSeconds(-45.04), Now);
        lag.EventsBehind.ShouldBe(45);
        lag.SecondsBehind.ShouldBe(45.0);
    }

    [Fact]
    public void Caught_up_is_zero_even_with_an_old_event_and_never_negative()
    {
        ProjectionLag.Of("campaigns", "CampaignDay", 145, 145, Now.AddHours(-1), Now).ShouldBe(new ProjectionLag("campaigns", "CampaignDay", 145, 145, 0, 0));
        // a progress row ahead of the newest event (events archived or deleted): not negative
        ProjectionLag.Of("campaigns", "CampaignDay", 150, 145, null, Now).EventsBehind.ShouldBe(0);
        // an event stamped a moment in the future by a clock a little ahead: not negative
        ProjectionLag.Of("campaigns", "CampaignDay", 1, 2, Now.AddSeconds(3), Now).SecondsBehind.ShouldBe(0);
    }
}

/// <summary>The platform's gauges as an operator's Prometheus scrapes them (the exporter the telemetry composition wires).</summary>
public sealed class OperationsGaugeExportTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task The_scrape_holds_the_queues_dead_letters_and_projection_lag()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(TelemetryFixture.RemoteAddressHeader, "127.0.0.1");
        using var response = await fixture.Client.Http.SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var gauge in new[] { "workerspower_wolverine_incoming", "workerspower_wolverine_scheduled", "workerspower_wolverine_outgoing", "workerspower_wolverine_dead_letters" })
            text.ShouldContain($"# TYPE {gauge}", customMessage: text);
        text.ShouldContain("workerspower_projection_lag_events{");
        text.ShouldContain("module=\"campaigns\"");
        text.ShouldContain("projection=\"CampaignDay\"");
        text.ShouldContain("workerspower_projection_lag_seconds");
    }
}
