using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Host.Telemetry;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The admin's Operations page (/admin/operations) in a real headless Chromium (tests/conformance/operations.mjs): all
/// well on a fresh platform; then, with a dead letter, the summary says what is wrong, the figures say what they mean,
/// the slowest operations and the hour's charts (their figures as tables) show this node's operations, Refresh moves
/// nothing, and the page reads again by itself after 30 s.
/// </summary>
public sealed class WebOperationsTests(OperationsOverviewFixture fixture) : IClassFixture<OperationsOverviewFixture>
{
    private const string Overview = "{ operationsOverview { deadLetters { total } } }";

    [Fact]
    public async Task In_chromium_an_admin_reads_the_platforms_health_its_figures_and_its_hour()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var me = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ADMIN");
        var shots = Directory.CreateTempSubdirectory("wp-web-operations-").FullName;
        try
        {
            var well = await RunAsync(shots, me.Email, "well");
            well.Line("SUMMARY").ShouldBe("SUMMARY All well. The database is ready, no work has failed for good and every projection is up to date.");
            well.Line("FIGURES").ShouldMatch(@"^FIGURES Waiting=\d+ \| Scheduled=\d+ \| Outgoing=\d+ \| Dead letters=0$");
            well.Line("ADMINNAV").ShouldBe("ADMINNAV Branches | Roles | Dead letters | Audit | Erase a member | Operations");

            // what the GraphQL pipeline records for each operation, on this node's figures: one slower than anything else
            var slow = "SlowPageProbe" + Guid.NewGuid().ToString("N")[..6];
            var stats = fixture.Services.GetRequiredService<OperationStats>();
            for (var i = 0; i < 4; i++) stats.Record(slow, "mutation", TimeSpan.FromMilliseconds(25_000), failed: i == 0);
            await fixture.PublishAsync(new PoisonProbe(Guid.NewGuid()));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await fixture.Client.DataAsync(Overview, token: admin))["operationsOverview"]!["deadLetters"]!["total"]!.GetValue<int>() == 0)
            {
                if (DateTime.UtcNow > deadline) throw new ShouldAssertException("the dead letter was never counted");
                await Task.Delay(500);
            }

            var attention = await RunAsync(shots, me.Email, "attention");
            attention.Line("HEADINGS").ShouldBe("HEADINGS 1:Operations | 2:Health | 2:Messages | 2:Projections | 2:Slowest operations | 2:The last hour, minute by minute");
            attention.Line("SUMMARY").ShouldBe("SUMMARY One thing needs attention. 1 dead letter waits for a decision.");
            // the queues hold what the platform has in hand (timed work of the members made above, say): numbers, whatever they are
            attention.Line("FIGURES").ShouldMatch(@"^FIGURES Waiting=\d+ \| Scheduled=\d+ \| Outgoing=\d+ \| Dead letters=1$");
            attention.Line("MEANINGS").ShouldBe("MEANINGS Messages waiting to be handled. | Messages due later: retries after a failure, and timed work such as closing a ballot. | Messages waiting to be passed on. | Work that failed for good and waits for a decision (1 failure in the last hour). Decide on dead letters");
            attention.Line("DEADLINK").ShouldBe("DEADLINK /admin/dead-letters");
            attention.Line("PROJECTIONS").ShouldBe("PROJECTIONS CampaignDay campaigns 0 0");
            attention.Line("SLOWESTHEAD").ShouldBe("SLOWESTHEAD Operation | Kind | Count | Errors | Median | Slowest 5% | Slowest 1% | Slowest");
            attention.Line("SLOWEST").ShouldBe($"SLOWEST {slow} mutation 4 1 25,000 25,000 25,000 25,000");
            var charts = attention.Lines("CHART");
            charts.Count.ShouldBe(2);
            charts[0].ShouldBe("CHART Requests and errors per minute rows=60 cols=/Requests/Errors");
            charts[1].ShouldBe("CHART Slowest 5% per minute, in milliseconds rows=60 cols=/Milliseconds");
            attention.Line("REFRESH").ShouldBe("REFRESH moved=0 fallback=no button=Refresh");
            attention.Line("AUTOREFRESH").ShouldBe("AUTOREFRESH requests=1");

            foreach (var run in new[] { well, attention })
            {
                run.Lines("AXE").ShouldHaveSingleItem().ShouldEndWith(" none");
                run.Text.ShouldNotContain("SIDEWAYS");
                run.Text.ShouldNotContain("PAGEERRORS");
                run.Text.ShouldNotContain("CONSOLE");
            }
            foreach (var screen in new[] { "admin-operations-well", "admin-operations-attention" })
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{screen}-{size}.png")).Length.ShouldBeGreaterThan(10_000);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    private sealed record Output(string Text)
    {
        private string[] All => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public string Line(string prefix) =>
            All.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{Text}");

        public List<string> Lines(string prefix) => All.Where(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)).ToList();
    }

    private async Task<Output> RunAsync(string shots, string email, string phase)
    {
        var (exitCode, text) = await NodeScript.RunAsync("operations.mjs", fixture.ServerAddress!.ToString(), shots, email, MemberApi.Password, phase);
        File.WriteAllText(Path.Combine(shots, $"output-{phase}.txt"), text);
        exitCode.ShouldBe(0, text);
        return new Output(text);
    }
}
