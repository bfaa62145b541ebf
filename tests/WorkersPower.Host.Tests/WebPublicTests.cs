using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;
using Wolverine;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The public site in a real headless Chromium (tests/conformance/public.mjs): the campaigns list and a campaign page
/// whose progress moves live in a second, signed-out browser while a member signs up and withdraws; what the server
/// refuses in words; the articles with "Show more" and search; the standing pages and the Atom feed's link.
/// </summary>
public sealed class WebPublicTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Pages = ["campaigns", "campaign", "campaign-signed-up", "campaign-live", "campaign-refused", "articles", "search", "about"];

    [Fact]
    public async Task In_chromium_a_member_signs_up_on_a_campaign_page_and_a_signed_out_visitor_sees_the_count_move_live_and_the_articles_page_and_search()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var other = await MemberApi.JoinAsync(fixture, branch);

        for (var i = 1; i <= 10; i++) await LaunchCampaignAsync(admin, $"Older campaign {i:00}", 100);
        var (campaignId, campaign, slug) = await LaunchCampaignAsync(admin, "Stop the cuts", 50);
        var action = await ScheduleAsync(admin, campaignId, "Picket at the town hall", 2, 5);
        var full = await ScheduleAsync(admin, campaignId, "Leafleting the station", 3, 1);
        var lastPlace = await ScheduleAsync(admin, campaignId, "Stall on the high street", 4, 1);
        var cancelled = await ScheduleAsync(admin, campaignId, "Open meeting", 5, null);
        await SignUpAsync(other.Token, full.Id);

        const string word = "quokka";
        for (var i = 1; i <= 12; i++)
            await PublishArticleAsync(admin, i % 4 == 0 ? $"Dispatch {i:00}: the {word} strike" : $"Dispatch {i:00} from the picket lines");
        await SavePageAsync(admin, "about", "About Workers Power", "We organise **rank-and-file** workers in every union.");
        await SavePageAsync(admin, "programme", "The programme", "Our programme sets out the demands we fight for.");
        await SavePageAsync(admin, "how-we-organise", "How we organise", "Branches meet every week.");

        var shots = Directory.CreateTempSubdirectory("wp-web-public-").FullName;
        try
        {
            var input = JsonSerializer.Serialize(new
            {
                email = member.Email, password = MemberApi.Password, adminEmail = PlatformFixture.AdminEmail, adminPassword = PlatformFixture.AdminPassword,
                campaign, slug, action = action.Title, fullAction = full.Title, lastPlaceAction = lastPlace.Title, lastPlaceId = lastPlace.Id,
                cancelAction = cancelled.Title, cancelId = cancelled.Id, otherToken = other.Token, adminToken = admin, search = word, pageSlug = "how-we-organise", pageTitle = "How we organise", aboutTitle = "About Workers Power", programmeTitle = "The programme",
            });
            var (exitCode, text) = await NodeScript.RunAsync("public.mjs", fixture.ServerAddress!.ToString(), shots, input);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            Line("CAMPAIGNS").ShouldStartWith("CAMPAIGNS /campaigns | Campaigns");
            Line("CAMPAIGNS").ShouldContain(campaign);
            Line("CAMPAIGNSMORE").ShouldBe("CAMPAIGNSMORE 10 then 11 button=0");
            Line("WIDTH campaign").ShouldBe("WIDTH campaign 320");
            Line("WIDTH articles").ShouldBe("WIDTH articles 320");
            Line("CAMPAIGN").ShouldStartWith($"CAMPAIGN /campaigns/{slug} | {campaign}");
            Line("CAMPAIGN").ShouldContain("1 taking part of a goal of 50 1 sign-up to 4 actions");
            Line("CAMPAIGN").ShouldContain("Picket · ");
            Line("CAMPAIGN").ShouldContain("The town hall 5 places left");
            Line("CAMPAIGN").ShouldContain("Sign in to take part");
            Line("CAMPAIGN").ShouldNotContain("Sign up");
            Line("SIGNIN").ShouldBe($"SIGNIN /sign-in?next=%2Fcampaigns%2F{slug}");
            Line("BACK").ShouldStartWith($"BACK /campaigns/{slug} | ");
            Line("BACK").ShouldEndWith("5 places left Sign up");
            // at once, in the member's own page (the mutation's answer in the Relay store)
            Line("SIGNEDUP").ShouldContain("4 places left You are signed up. Withdraw");
            Line("SIGNEDUP").ShouldEndWith("| 2 taking part of a goal of 50 2 sign-ups to 4 actions | focus=Withdraw");
            // live, without a reload, in the signed-out browser (the subscription, and the refetch it triggers)
            Line("LIVE1").ShouldStartWith("LIVE1 2 taking part of a goal of 50 2 sign-ups to 4 actions | ");
            Line("LIVE1").ShouldContain("4 places left");
            Line("LIVE1").ShouldEndWith("reloaded=false");
            Line("WITHDRAWN").ShouldContain("5 places left Sign up");
            Line("WITHDRAWN").ShouldEndWith("| 2 taking part of a goal of 50 1 sign-up to 4 actions");
            Line("LIVE0").ShouldStartWith("LIVE0 2 taking part of a goal of 50 1 sign-up to 4 actions | ");
            Line("LIVE0").ShouldContain("5 places left");
            Line("LIVE0").ShouldEndWith("reloaded=false");
            // refusals in words
            Line("FULLCARD").ShouldEndWith("Full: no places left");
            Line("FULL").ShouldContain("Full: no places left");
            Line("FULL").ShouldContain("This action is full: all its places are taken.");
            Line("CANCELLED").ShouldContain("Cancelled This action has been cancelled.");
            Line("CANCELLED").ShouldEndWith("| 2 taking part of a goal of 50 2 sign-ups to 3 actions");
            Line("NOMEMBER").ShouldContain("Only members can sign up for actions: this account has no membership.");
            // articles: ten newest first, then the rest; search
            Line("ARTICLES").ShouldStartWith("ARTICLES 10 Dispatch 12: the quokka strike | Dispatch 11 from the picket lines");
            Line("MORE").ShouldStartWith("MORE 12 ");
            Line("MORE").ShouldEndWith("Dispatch 01 from the picket lines | button=0");
            Line("SEARCH").ShouldStartWith($"SEARCH /articles?q={word} | 3 articles match “{word}”. | ");
            Line("SEARCH").Split(" | ").Skip(2).Order().ShouldBe(["Dispatch 04: the quokka strike", "Dispatch 08: the quokka strike", "Dispatch 12: the quokka strike"]);
            // the feed in the head; standing pages
            Line("FEED").ShouldBe("FEED /feed.xml in-head=true");
            Line("ABOUT").ShouldStartWith("ABOUT /about | About Workers Power | About Workers Power We organise rank-and-file workers in every union.");
            Line("ABOUT").ShouldEndWith("title=About Workers Power · Workers Power");
            Line("PAGE").ShouldBe("PAGE /pages/how-we-organise | How we organise | How we organise Branches meet every week.");
            Line("PROGRAMME").ShouldBe("PROGRAMME /programme | The programme");
            foreach (var page in Pages.Append("page")) Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in Pages)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // the server agrees: the member withdrew, the other took the last place
            var places = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { placesLeft signUpCount } } }", new { id = action.Id }, admin);
            places["node"]!["placesLeft"]!.GetValue<int>().ShouldBe(5);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    private sealed record Scheduled(string Id, string Title);

    private Task<(string Id, string Title, string Slug)> LaunchCampaignAsync(string token, string title, int goal) =>
        WebData.LaunchCampaignAsync(fixture.Client, token, title, "Defend every library, nursery and bus route.", goal);

    private async Task<Scheduled> ScheduleAsync(string token, string campaignId, string title, int inDays, int? capacity)
    {
        var starts = DateTimeOffset.UtcNow.Date.AddDays(inDays).AddHours(17);
        var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId, kind = title.StartsWith("Picket", StringComparison.Ordinal) ? "PICKET" : "OTHER", title, startsAt = new DateTimeOffset(starts, TimeSpan.Zero), endsAt = new DateTimeOffset(starts.AddHours(2), TimeSpan.Zero), location = "The town hall", capacity } }, token);
        scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
        return new Scheduled(scheduled["scheduleAction.action.id"]!.GetValue<string>(), title);
    }

    private async Task SignUpAsync(string token, string actionId)
    {
        var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }", new { input = new { actionId } }, token);
        signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
    }

    private Task PublishArticleAsync(string token, string title) =>
        WebData.PublishArticleAsync(fixture.Client, token, title, "From the picket lines.", "Strikers held the line.");

    private async Task SavePageAsync(string token, string slug, string title, string body)
    {
        var saved = await fixture.Client.PostAsync("mutation($input: SavePageInput!) { savePage(input: $input) { errors { code message } } }", new { input = new { slug, title, body } }, token);
        saved.UserErrors("savePage").ShouldBeEmpty(saved.Body);
    }
}

/// <summary>With GraphQL:PersistedDocumentsOnly the campaign page's live progress still works: the subscription goes over the socket as its persisted id.</summary>
public sealed class WebPublicPersistedOnlyTests(PersistedOnlyRealServerFixture fixture) : IClassFixture<PersistedOnlyRealServerFixture>
{
    [Fact]
    public async Task The_campaign_pages_progress_moves_live_when_only_persisted_documents_run()
    {
        NodeScript.RequirePackage("playwright-core");
        // text operations are refused here: the campaign is made through the bus, as the demo data is
        var bus = fixture.Services.GetRequiredService<IMessageBus>();
        // an admin: a campaign's management needs CAMPAIGN_ORGANISER on it (a grant) or ADMIN, and this caller holds no grant
        var organiser = new Caller(Guid.Empty, null, [Roles.Admin]);
        var slug = $"persisted-only-{Guid.NewGuid():N}"[..24];
        var launched = await bus.InvokeAsync<CommandResult>(new LaunchCampaign("Live under lock", "Only persisted documents run here.", slug, 10, organiser));
        var campaignId = launched.Id ?? throw new ShouldAssertException(string.Join("; ", launched.Errors.Select(e => e.Message)));
        var starts = DateTimeOffset.UtcNow.AddDays(2);
        var scheduled = await bus.InvokeAsync<CommandResult>(new ScheduleAction(campaignId, ActionKind.Meeting, "Locked meeting", starts, starts.AddHours(1), "The hall", 20, null, organiser));
        var actionId = scheduled.Id ?? throw new ShouldAssertException(string.Join("; ", scheduled.Errors.Select(e => e.Message)));

        var shots = Directory.CreateTempSubdirectory("wp-web-public-only-").FullName;
        try
        {
            using var node = NodeScript.Start("public.mjs", fixture.ServerAddress!.ToString(), shots, JsonSerializer.Serialize(new { liveOnly = true, slug, action = "Locked meeting" }));
            var output = new System.Text.StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var errors = node.StandardError.ReadToEndAsync(timeout.Token);
            // the page is open and has its first value from the socket: now two members sign up, one at a time
            var signedUp = 0;
            while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (line.StartsWith("READY", StringComparison.Ordinal) && signedUp++ < 2)
                    (await bus.InvokeAsync<CommandResult>(new SignUpForAction(actionId, Guid.NewGuid()))).Errors.ShouldBeEmpty();
            }
            await node.WaitForExitAsync(timeout.Token);
            var text = output + await errors;
            node.ExitCode.ShouldBe(0, text);
            text.ShouldContain("LIVEONLY 0 taking part of a goal of 10 0 sign-ups to 1 action | 20 places left");
            text.ShouldContain("LIVEONLY 1 taking part of a goal of 10 1 sign-up to 1 action | 19 places left");
            text.ShouldContain("LIVEONLY 2 taking part of a goal of 10 2 sign-ups to 1 action | 18 places left");
            text.ShouldContain("SENT documentId-only=true");
            text.ShouldNotContain("PAGEERRORS");
            text.ShouldNotContain("CONSOLE");
        }
        finally
        {
            Directory.Delete(shots, recursive: true);
        }
    }
}
