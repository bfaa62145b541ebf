using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The web client (src/Web) served at /, used in a real headless Chromium driven by Playwright.</summary>
public sealed class WebClientTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static async Task<HttpResponseMessage> BrowserGetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Client_routes_get_the_page_with_its_security_headers_and_its_assets_are_cached_for_a_year()
    {
        foreach (var path in new[] { "/", "/join", "/some/client/route" })
        {
            var page = await BrowserGetAsync(fixture.Client.Http, path);
            page.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            var csp = page.Headers.GetValues("Content-Security-Policy").Single();
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("connect-src 'self'");
            csp.ShouldContain("frame-ancestors 'none'");
            csp.ShouldNotContain("unsafe-inline");
            page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
            page.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
            page.Headers.CacheControl!.NoCache.ShouldBeTrue();
            var html = await page.Content.ReadAsStringAsync();
            html.ShouldNotContain("<script>"); // no inline script
            var asset = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
            asset.ShouldNotBeEmpty(html);
            var script = await fixture.Client.Http.GetAsync(asset);
            script.StatusCode.ShouldBe(HttpStatusCode.OK);
            script.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
            script.Headers.CacheControl.Extensions.ShouldContain(e => e.Name == "immutable");
        }
    }

    [Fact]
    public async Task The_api_and_the_hosts_own_pages_keep_their_paths()
    {
        (await (await BrowserGetAsync(fixture.Client.Http, "/graphql")).Content.ReadAsStringAsync()).ShouldContain("/explorer/explorer.js");
        // the pages behind mails' links are the client's; only mail programs' one-click unsubscribe (a POST) is the host's
        foreach (var path in new[] { "/activate?token=x", "/reset-password?token=x", "/confirm-email?token=x", "/unsubscribe?token=x" })
            (await (await BrowserGetAsync(fixture.Client.Http, path)).Content.ReadAsStringAsync()).ShouldContain("/assets/", Case.Sensitive, path);
        var oneClick = await fixture.Client.Http.PostAsync("/unsubscribe?token=x", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        oneClick.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        oneClick.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await fixture.Client.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Client.Http.GetAsync("/feed.xml")).Content.Headers.ContentType!.MediaType!.ShouldContain("atom");
        (await BrowserGetAsync(fixture.Client.Http, "/explorer/missing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await BrowserGetAsync(fixture.Client.Http, "/assets/missing.js")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // the build's files are reachable only at their addresses (index.html only with its headers, through a route)
        (await BrowserGetAsync(fixture.Client.Http, "/app/index.html")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // not a browser asking for a page: no page
        (await fixture.Client.Http.GetAsync("/join")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task In_chromium_a_person_finds_the_join_form_from_the_home_page_sees_a_field_error_beside_its_field_and_applies()
    {
        NodeScript.RequireChromiumAndAxe();
        var token = await fixture.AdminTokenAsync();
        await fixture.BranchAsync();
        var title = $"Bus drivers walk out {Guid.NewGuid():N}"[..28];
        await PublishArticleAsync(token, title);
        var campaign = await LaunchCampaignAsync(token, "Stop the far right march");
        var email = MembershipApi.UniqueEmail("web");
        var shots = Directory.CreateTempSubdirectory("wp-web-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("web.mjs", fixture.ServerAddress!.ToString(), shots, email, title, campaign);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            Line("HOME").ShouldContain(title);
            Line("HOME").ShouldContain(campaign);
            Line("ALERTS").ShouldBe("ALERTS 0");
            // the article's Markdown rendered, its raw HTML shown as text and never run
            Line("ARTICLE").ShouldBe($"ARTICLE {title} strong=won literal-html=true script-ran=false");
            Line("CAMPAIGN").ShouldContain(campaign);
            Line("CAMPAIGN").ShouldContain("0 taking part of a goal of 200");
            Line("CAMPAIGN").ShouldContain("No actions planned just now.");
            Line("BRANCHES").ShouldContain("I don't know yet | ");
            Line("INVALID").ShouldContain("Email is not a valid email address.");
            Line("INVALID").ShouldContain("describedby=email-error, next=email-error");
            Line("INVALIDALERT").ShouldContain("Please check the fields marked below.");
            Line("CONFIRMATION").ShouldContain("Thank you: your application is in");
            Line("CONFIRMATION").ShouldContain(email);
            Line("CONFIRMATION").ShouldContain("An organiser reviews it");
            foreach (var page in new[] { "home", "article", "campaign", "join", "join-invalid", "confirmation" }) Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in new[] { "home", "article", "campaign", "join", "join-invalid", "confirmation" })
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // the application arrived, with what the form sent
            var applications = await fixture.Client.DataAsync("{ membershipApplications(first: 100) { nodes { email interests contribution { amount currency } } } }", token: token);
            var mine = applications["membershipApplications"]!["nodes"]!.AsArray().Single(n => n!["email"]!.GetValue<string>() == email)!;
            mine["interests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["rank-and-file", "palestine", "housing"]);
            mine["contribution"]!["currency"]!.GetValue<string>().ShouldBe("GBP");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    [Fact]
    public async Task In_chromium_a_member_signs_in_sees_their_branch_and_next_action_on_their_dashboard_and_signs_out()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var branchName = (await fixture.Client.DataAsync("{ me { branch { name } } }", token: member.Token))["me"]!["branch"]!["name"]!.GetValue<string>();
        var campaign = await LaunchCampaignAsync(admin, "Defend the libraries");
        var campaignId = (await fixture.Client.DataAsync("{ campaigns(first: 100) { nodes { id title } } }", token: admin))["campaigns"]!["nodes"]!.AsArray()
            .Single(c => c!["title"]!.GetValue<string>() == campaign)!["id"]!.GetValue<string>();
        var actionTitle = $"Library picket {Guid.NewGuid():N}"[..22];
        var starts = DateTimeOffset.UtcNow.AddDays(2);
        var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId, kind = "PICKET", title = actionTitle, startsAt = starts, endsAt = starts.AddHours(2), location = "The central library" } }, admin);
        scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
        var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
            new { input = new { actionId = scheduled["scheduleAction.action.id"]!.GetValue<string>() } }, member.Token);
        signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
        var shots = Directory.CreateTempSubdirectory("wp-web-member-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("member.mjs", fixture.ServerAddress!.ToString(), shots, member.Email, MemberApi.Password);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            Line("SIGNEDOUTME").ShouldBe("SIGNEDOUTME /sign-in?next=%2Fme");
            Line("WRONG").ShouldBe("WRONG The email or password is not right.");
            Line("NAV").ShouldContain("Sign out");
            Line("NAV").ShouldNotContain("Sign in");
            Line("ME").ShouldStartWith("ME /me | ");
            Line("ME").ShouldContain(branchName);
            Line("ME").ShouldContain(actionTitle);
            Line("ME").ShouldContain("Active member");
            Line("ME").ShouldContain("No notices");
            Line("SIGNEDOUT").ShouldStartWith("SIGNEDOUT / | ");
            Line("SIGNEDOUT").ShouldContain("Sign in");
            Line("SIGNEDOUT").ShouldEndWith("token=null");
            Line("REFUSED").ShouldBe("REFUSED /sign-in?next=%2Fme | Home | Campaigns | Articles | Join us | Sign in | token=null");
            foreach (var page in new[] { "sign-in", "sign-in-wrong", "me" }) Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in new[] { "sign-in", "sign-in-wrong", "me" })
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // signing out revoked the token
            var after = await fixture.Client.PostAsync("{ viewer { email } }", new { }, member.Token);
            after.Body.ShouldNotContain(member.Email);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    private Task PublishArticleAsync(string token, string title) =>
        WebData.PublishArticleAsync(fixture.Client, token, title, "Drivers at three garages struck for pay today.", "They **won**.\n\n<script>window.pwned = 1</script>");

    private async Task<string> LaunchCampaignAsync(string token, string title) =>
        (await WebData.LaunchCampaignAsync(fixture.Client, token, title, "Counter-protest and leafleting.", 200)).Title;
}

public sealed class PersistedOnlyRealServerFixture : PlatformFixture
{
    protected override bool UseRealServer => true;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["GraphQL:PersistedDocumentsOnly"] = "true";
        return settings;
    }
}

/// <summary>With GraphQL:PersistedDocumentsOnly the web client still works: it sends only the ids of its persisted operations.</summary>
public sealed class WebClientPersistedOnlyTests(PersistedOnlyRealServerFixture fixture) : IClassFixture<PersistedOnlyRealServerFixture>
{
    [Fact]
    public async Task The_home_page_loads_its_data_when_only_persisted_documents_run()
    {
        NodeScript.RequirePackage("playwright-core");
        var shots = Directory.CreateTempSubdirectory("wp-web-only-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("web.mjs", fixture.ServerAddress!.ToString(), shots, "", "--home-only");
            exitCode.ShouldBe(0, text);
            text.ShouldContain("HOME Workers of the world, unite | Latest articles | Current campaigns");
            text.ShouldContain("ALERTS 0");
            text.ShouldNotContain("PAGEERRORS");
            text.ShouldNotContain("CONSOLE");
            // and text queries are refused there
            var refused = await fixture.Client.PostAsync("{ branches { name } }");
            JsonNode.Parse(refused.Body)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("PERSISTED_DOCUMENTS_ONLY");
        }
        finally
        {
            Directory.Delete(shots, recursive: true);
        }
    }
}

/// <summary>relay-compiler's persisted.json ({"&lt;sha256 hex&gt;": "&lt;text&gt;"}) loads beside the .graphql files.</summary>
public sealed class PersistedDocumentsFileTests
{
    [Fact]
    public void Json_maps_load_beside_graphql_files_and_a_key_that_is_not_its_texts_hash_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("wp-persisted-").FullName;
        try
        {
            const string query = "query A {\n  branches {\n    id\n  }\n}\n";
            var hex = GraphQL.Execution.PersistedDocuments.IdOf(query)["sha256:".Length..];
            File.WriteAllText(Path.Combine(folder, "One.graphql"), "{ branches { name } }");
            File.WriteAllText(Path.Combine(folder, "web-client.json"), JsonSerializer.Serialize(new Dictionary<string, string> { [hex] = query }));
            GraphQL.Execution.PersistedDocuments.Load(folder).ShouldBe(["{ branches { name } }", query], ignoreOrder: true);

            File.WriteAllText(Path.Combine(folder, "web-client.json"), JsonSerializer.Serialize(new Dictionary<string, string> { [new string('0', 64)] = query }));
            Should.Throw<InvalidOperationException>(() => GraphQL.Execution.PersistedDocuments.Load(folder).ToList()).Message.ShouldContain("rebuild the web client");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
