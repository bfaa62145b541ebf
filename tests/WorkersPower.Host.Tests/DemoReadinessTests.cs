using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Demo data that waits for the test's word before the modules' demo data loads (it runs first).</summary>
public sealed class DemoGate : IDemoData
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Order => int.MinValue;

    public void Open() => open.TrySetResult();

    public Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken) => open.Task.WaitAsync(cancellationToken);
}

/// <summary>Demo data that fails, as a demo load would when, say, a module's command is refused.</summary>
public sealed class BrokenDemoData : IDemoData
{
    public int Order => int.MinValue;

    public Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("demo campaign refused on purpose");
}

/// <summary>A host with Demo:Seed on, as build/run.sh starts it.</summary>
public abstract class DemoSeedFixture : PlatformFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Demo:Seed"] = "true";
        return settings;
    }
}

public sealed class DemoGateFixture : DemoSeedFixture
{
    public DemoGate Gate { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDemoData>(Gate);
}

public sealed class BrokenDemoFixture : DemoSeedFixture
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDemoData, BrokenDemoData>();
}

/// <summary>With Demo:Seed on (build/run.sh), /health/ready answers 200 only once the demo data is there.</summary>
public sealed class DemoReadinessTests(DemoGateFixture fixture) : IClassFixture<DemoGateFixture>
{
    private const string Campaigns = "{ campaigns(first: 10) { nodes { title } } }";

    [Fact]
    public async Task Ready_only_once_the_demo_data_is_loaded_and_then_the_demo_campaigns_are_there()
    {
        var http = fixture.Client.Http;
        // While the demo data is held back: not ready, and saying why, however often asked.
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
            body.ShouldContain("demo data: The demo data is still loading.");
            await Task.Delay(200);
        }
        (await fixture.Client.DataAsync(Campaigns))["campaigns"]!["nodes"]!.AsArray().ShouldBeEmpty();

        fixture.Gate.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
                break;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not ready 60 s after the demo data was let through: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
        // The first query after "ready" sees the demo campaigns (build/run.sh's three).
        var titles = (await fixture.Client.DataAsync(Campaigns))["campaigns"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()).ToList();
        titles.Count.ShouldBe(3, string.Join(", ", titles));
        titles.ShouldContain("Workers' action for Palestine");
    }
}

/// <summary>
/// What build/run.sh's demo data holds, so that the web client's pages look like a living organisation: members
/// of every branch in varied standing, campaigns with a past and a future (some actions nearly full), a dozen
/// articles over several months, the programme and about pages, and the three demo accounts that sign in.
/// </summary>
public sealed class DemoDataTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    [Fact]
    public async Task Every_branch_has_members_in_varied_standing_and_the_demo_accounts_sign_in()
    {
        var admin = await fixture.SignInAsync("admin@demo.workerspower.org", "ada-demo-pass-2026");
        await fixture.SignInAsync("organiser@demo.workerspower.org", "olu-demo-pass-2026");
        var member = await fixture.SignInAsync("member@demo.workerspower.org", "mo-demo-pass-2026");

        var members = (await fixture.Client.DataAsync("{ members(first: 100) { totalCount nodes { givenName status monthsInArrears joinedOn branch { name } } } }", token: admin))["members"]!;
        members["totalCount"]!.GetValue<int>().ShouldBe(19);
        var nodes = members["nodes"]!.AsArray().Select(n => n!).ToList();
        nodes.GroupBy(n => n["branch"]!["name"]!.GetValue<string>()).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key)
            .ShouldBe([("Bristol", 4), ("Glasgow", 4), ("Manchester", 4), ("North London", 7)]);
        string Status(string given) => nodes.Single(n => n["givenName"]!.GetValue<string>() == given)["status"]!.GetValue<string>();
        nodes.Count(n => n["status"]!.GetValue<string>() == "ACTIVE").ShouldBe(16);
        (Status("Declan"), Status("Hannah"), Status("Liam")).ShouldBe(("LAPSED", "LAPSED", "SUSPENDED"));
        // in arrears but not yet lapsed: warned at two months
        nodes.Single(n => n["givenName"]!.GetValue<string>() == "Rosa")["monthsInArrears"]!.GetValue<int>().ShouldBe(2);
        // joined over the past year, not all today
        var joined = nodes.Select(n => DateOnly.Parse(n["joinedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        (joined.Max().DayNumber - joined.Min().DayNumber).ShouldBeGreaterThan(300);

        var applications = await fixture.Client.DataAsync("{ membershipApplications(first: 20, status: PENDING) { totalCount } }", token: admin);
        applications["membershipApplications"]!["totalCount"]!.GetValue<int>().ShouldBe(5);

        // Mo: active, paid up, signed up for upcoming actions, and told of the one cancelled today
        var me = (await fixture.Client.DataAsync("{ me { status monthsInArrears participation { actionsSignedUp actionsAttended campaigns } notices(first: 5) { nodes { kind text } } } }", token: member))["me"]!;
        (me["status"]!.GetValue<string>(), me["monthsInArrears"]!.GetValue<int>()).ShouldBe(("ACTIVE", 0));
        me["participation"]!["actionsSignedUp"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(4);
        me["participation"]!["actionsAttended"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
        me["participation"]!["campaigns"]!.GetValue<int>().ShouldBe(3);
        // Decisions: the North London branch meeting, a motion carried by secret ballot (four of five voted), Mo's motion
        // waiting for a seconder, and the committee's STV election open, in which Mo may still vote
        var meeting = (await fixture.Client.DataAsync("{ meetings(first: 5) { nodes { title motions { title status } " +
            "ballots { title kind status turnout electorateSize viewerMayVote viewerHasVoted result { carried quorate } } } } }", token: member))["meetings"]!["nodes"]!.AsArray().Single()!;
        meeting["title"]!.GetValue<string>().ShouldBe("North London branch meeting");
        meeting["motions"]!.AsArray().Select(m => (m!["title"]!.GetValue<string>(), m["status"]!.GetValue<string>()))
            .ShouldBe([("Back the bus drivers' strike", "CARRIED"), ("March with the Palestine solidarity bloc", "SUBMITTED")]);
        var ballots = meeting["ballots"]!.AsArray().Select(b => b!).ToList();
        (ballots[0]["status"]!.GetValue<string>(), ballots[0]["turnout"]!.GetValue<int>(), ballots[0]["electorateSize"]!.GetValue<int>(),
            ballots[0]["result"]!["carried"]!.GetValue<bool>()).ShouldBe(("CLOSED", 4, 5, true));
        (ballots[1]["kind"]!.GetValue<string>(), ballots[1]["status"]!.GetValue<string>(), ballots[1]["turnout"]!.GetValue<int>(),
            ballots[1]["viewerMayVote"]!.GetValue<bool>(), ballots[1]["viewerHasVoted"]!.GetValue<bool>()).ShouldBe(("STV", "OPEN", 2, true, false));

        // and Mo's data export says so: the motion moved, the two electorates, not voted (never how anyone voted)
        var export = System.Text.Json.Nodes.JsonNode.Parse((await fixture.Client.DataAsync("{ exportMyData }", token: member))["exportMyData"]!.GetValue<string>())!;
        var decisions = export["modules"]?["decisions"];
        decisions.ShouldNotBeNull(export.ToJsonString());
        decisions["motions"]!.AsArray().Select(m => (m!["title"]!.GetValue<string>(), m["moved"]!.GetValue<bool>()))
            .ShouldBe([("March with the Palestine solidarity bloc", true)]);
        decisions["ballots"]!.AsArray().Select(b => b!["voted"]!.GetValue<bool>()).ShouldBe([false, false]);

        // the notice of the cancellation comes a moment after it (the notices' handler runs after the demo's command)
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!me["notices"]!["nodes"]!.AsArray().Any(n => n!["text"]!.GetValue<string>().Contains("Film screening", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("no notice of the cancelled film screening: " + me.ToJsonString());
            await Task.Delay(200);
            me = (await fixture.Client.DataAsync("{ me { notices(first: 5) { nodes { kind text } } } }", token: member))["me"]!;
        }
    }

    [Fact]
    public async Task Three_campaigns_with_past_actions_and_outcomes_and_upcoming_ones_some_nearly_full()
    {
        var campaigns = new List<JsonNode>();
        foreach (var slug in (await fixture.Client.DataAsync("{ campaigns(first: 10) { nodes { slug } } }"))["campaigns"]!["nodes"]!.AsArray().Select(n => n!["slug"]!.GetValue<string>()))
            campaigns.Add((await fixture.Client.DataAsync("""
                query($slug: String!) { campaign(slug: $slug) { slug progress { signUps attendances participants }
                  actions(first: 20) { nodes { title startsAt status capacity placesLeft signUpCount attendanceCount outcome { summary counts { name value } } } } } }
                """, new { slug }))["campaign"]!);
        campaigns.Select(c => c["slug"]!.GetValue<string>()).Order().ShouldBe(["palestine", "rank-and-file", "stop-the-far-right"]);
        var now = DateTimeOffset.UtcNow;
        foreach (var campaign in campaigns)
        {
            var actions = campaign["actions"]!["nodes"]!.AsArray().Select(n => n!).ToList();
            var past = actions.Where(a => a["startsAt"]!.GetValue<DateTimeOffset>() < now).ToList();
            var upcoming = actions.Where(a => a["startsAt"]!.GetValue<DateTimeOffset>() > now && a["status"]!.GetValue<string>() == "SCHEDULED").ToList();
            var slug = campaign["slug"]!.GetValue<string>();
            past.Count.ShouldBeGreaterThanOrEqualTo(2, slug);
            upcoming.Count.ShouldBeGreaterThanOrEqualTo(2, slug);
            past.ShouldAllBe(a => a["attendanceCount"]!.GetValue<int>() > 0 && a["outcome"] != null && a["outcome"]!["counts"]!.AsArray().Count > 0);
            upcoming.ShouldAllBe(a => a["signUpCount"]!.GetValue<int>() > 0);
            campaign["progress"]!["attendances"]!.GetValue<int>().ShouldBeGreaterThan(0);
            // months of history, not just this week
            past.Min(a => a["startsAt"]!.GetValue<DateTimeOffset>()).ShouldBeLessThan(now.AddDays(-30), slug);
        }
        var upcomingActions = campaigns.SelectMany(c => c["actions"]!["nodes"]!.AsArray().Select(n => n!))
            .Where(a => a["startsAt"]!.GetValue<DateTimeOffset>() > now && a["status"]!.GetValue<string>() == "SCHEDULED").ToList();
        // nearly full: one to three places left
        upcomingActions.Count(a => a["placesLeft"]?.GetValue<int>() is >= 1 and <= 3).ShouldBeGreaterThanOrEqualTo(3);
        upcomingActions.ShouldContain(a => a["placesLeft"] == null, "some without a limit");
        campaigns.SelectMany(c => c["actions"]!["nodes"]!.AsArray()).Count(a => a!["status"]!.GetValue<string>() == "CANCELLED").ShouldBe(1);
    }

    [Fact]
    public async Task A_dozen_articles_over_several_months_with_tags_and_campaigns_and_the_standing_pages()
    {
        var answer = await fixture.Client.PostAsync("{ articles(first: 50) { totalCount nodes { title publishedAt tags author { displayName } campaign { slug } } } }");
        if (answer.Json?["errors"] is not null) throw new InvalidOperationException(answer.Body + "\n" + string.Join("\n", fixture.Logs.Lines.Where(l => l.Exception is not null)));
        var articles = answer.Json!["data"]!["articles"]!;
        var nodes = articles["nodes"]!.AsArray().Select(n => n!).ToList();
        nodes.Count.ShouldBe(12, "the public, published ones");
        nodes.ShouldAllBe(a => a["tags"]!.AsArray().Count > 0 && a["author"] != null);
        nodes.Select(a => a["publishedAt"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM", CultureInfo.InvariantCulture)).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        nodes.Count(a => a["campaign"] != null).ShouldBeGreaterThanOrEqualTo(6);
        nodes.Select(a => a["campaign"]?["slug"]?.GetValue<string>()).OfType<string>().Distinct().Count().ShouldBe(3);

        foreach (var (slug, words) in new[] { ("programme", "rank-and-file"), ("about", "Palestine") })
        {
            var page = (await fixture.Client.DataAsync("query($slug: String!) { page(slug: $slug) { title body } }", new { slug }))["page"];
            page.ShouldNotBeNull(slug);
            var body = page["body"]!.GetValue<string>();
            body.Length.ShouldBeGreaterThan(1000, slug);
            body.ShouldContain(words);
        }
    }
}

/// <summary>A host with Demo:Seed on, ready once the demo data is loaded.</summary>
public sealed class DemoDataFixture : DemoSeedFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await Client.Http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the demo data was not loaded within 120 s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }
}

/// <summary>build/demo-data.sh: build/run.sh refuses a data folder made with an older demo, and says to delete it.</summary>
public sealed class DemoDataVersionTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("wp-demo-version-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>Runs a command with build/demo-data.sh sourced and the data folder as $1, from the repository's root.</summary>
    private (int ExitCode, string Output, string Error) Bash(string command)
    {
        using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-c", "source build/demo-data.sh && " + command, "bash", data])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        return (bash.ExitCode, output.Result, error);
    }

    private (int ExitCode, string Error) Check() => Bash("demo_data_check \"$1\"") is var (code, _, error) ? (code, error) : default;

    [Fact]
    public void A_new_folder_passes_and_is_stamped_with_this_version()
    {
        Check().ShouldBe((0, ""));
        Bash("demo_data_stamp \"$1\"").ExitCode.ShouldBe(0);
        Directory.CreateDirectory(Path.Combine(data, "postgres"));
        Check().ShouldBe((0, ""));
        var version = Bash("echo $DEMO_DATA_VERSION").Output.Trim();
        int.Parse(version, CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        File.ReadAllText(Path.Combine(data, "demo-data-version")).Trim().ShouldBe(version);
    }

    [Fact]
    public void A_folder_with_a_database_of_an_older_demo_or_none_stamped_is_refused_with_the_words_to_delete_it()
    {
        Directory.CreateDirectory(Path.Combine(data, "postgres"));
        var (code, error) = Check();
        code.ShouldBe(1);
        error.ShouldContain($"The data folder {data} was made with an older demo (version 1;");
        error.ShouldContain($"rm -rf {data}");
        File.WriteAllText(Path.Combine(data, "demo-data-version"), "1\n");
        Check().ShouldBe((code, error));
    }

    [Fact]
    public async Task Run_sh_stops_before_building_on_such_a_folder()
    {
        Directory.CreateDirectory(Path.Combine(data, "postgres"));
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["build/run.sh"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["WP_DATA"] = data;
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("Demo__Seed");
        using var run = System.Diagnostics.Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await run.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            throw new TimeoutException("run.sh did not stop at once on a data folder of an older demo");
        }
        run.ExitCode.ShouldBe(1);
        (await error).ShouldContain("was made with an older demo");
        (await output).ShouldNotContain("Building");
        Directory.GetFileSystemEntries(data).Select(Path.GetFileName).ShouldBe(["postgres"]);
    }
}

/// <summary>A demo load that fails keeps the host not ready, with the reason in the answer.</summary>
public sealed class BrokenDemoReadinessTests(BrokenDemoFixture fixture) : IClassFixture<BrokenDemoFixture>
{
    [Fact]
    public async Task A_failed_demo_load_keeps_the_host_not_ready_with_the_reason()
    {
        var http = fixture.Client.Http;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string body;
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
            if (body.Contains("failed", StringComparison.Ordinal)) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no failure reported within 60 s: {body}");
            await Task.Delay(50);
        }
        body.ShouldContain("demo data: Loading the demo data failed (InvalidOperationException: demo campaign refused on purpose)");
        // and it stays so
        await Task.Delay(500);
        using var later = await http.GetAsync("/health/ready");
        later.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await later.Content.ReadAsStringAsync()).ShouldBe(body);
    }
}
