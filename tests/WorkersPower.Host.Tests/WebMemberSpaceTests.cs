using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The member space of the web client (/me and its pages) in a real headless Chromium driven by Playwright
/// (tests/conformance/member-space.mjs): a member signs in, reads their dashboard, edits their profile and
/// participation, changes their pledge, pages their payments and history, downloads their data and resigns. Before
/// that, an editor has changed the programme since the member joined: the dashboard asks them to accept the new version
/// (once refused because the editor changed it again while the page was open), and the server records that they did.
/// </summary>
public sealed class WebMemberSpaceTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Pages =
        ["member-programme", "member-programme-error", "member-programme-accepted", "member-dashboard", "member-profile-error", "member-profile", "member-contributions", "member-history", "member-data", "member-resign-confirm", "member-resigned"];

    [Fact]
    public async Task In_chromium_a_member_looks_after_their_membership_page_by_page_and_resigns_last()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var editor = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "EDITOR");
        var joinedUnder = await SaveProgrammeAsync(editor.Token, "We fight for workers' control of the workplaces.");
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var acceptedAtJoin = await ProgrammeAcceptedAsync(member.MemberId, admin);
        acceptedAtJoin["version"]!.GetValue<int>().ShouldBe(joinedUnder);
        acceptedAtJoin["source"]!.GetValue<string>().ShouldBe("JOIN_FORM");
        // the programme changes after the member joined: they are not bound to the new text until they accept it
        var changed = await SaveProgrammeAsync(editor.Token, "We fight for workers' control of the workplaces and of the housing estates.");
        changed.ShouldBeGreaterThan(joinedUnder);
        (await ProgrammeAcceptedAsync(member.MemberId, admin))["current"]!.GetValue<bool>().ShouldBeFalse();
        var branchName = (await fixture.Client.DataAsync("{ me { branch { name } } }", token: member.Token))["me"]!["branch"]!["name"]!.GetValue<string>();
        var (actionTitle, slug) = await SignUpForAnActionAsync(admin, member.Token);
        // twelve payments: more than a page of payments, and with the member's own events more than a page of history
        for (var i = 0; i < 12; i++)
        {
            var paid = await fixture.Client.PostAsync("mutation($input: RecordContributionPaymentInput!) { recordContributionPayment(input: $input) { errors { code message } } }",
                new { input = new { memberId = member.MemberId, amount = new { amount = "5.00", currency = "GBP" }, paidOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-i)).ToString("yyyy-MM-dd"), reference = $"REF-{i:00}" } }, admin);
            paid.UserErrors("recordContributionPayment").ShouldBeEmpty(paid.Body);
        }
        var shots = Directory.CreateTempSubdirectory("wp-web-member-space-").FullName;
        try
        {
            var newEmail = MembershipApi.UniqueEmail("moved");
            var (exitCode, text) = await NodeScript.RunAsync("member-space.mjs", fixture.ServerAddress!.ToString(), shots, member.Email, MemberApi.Password, newEmail, editor.Token);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            Line("SIGNEDOUT").ShouldBe("SIGNEDOUT /sign-in?next=%2Fme%2Fprofile");
            // the notice: the version now and the one accepted at join, a link to read it, the button
            Line("PROGRAMME").ShouldStartWith($"PROGRAMME Our programme has changed The programme now stands at version {changed}, last changed on ");
            Line("PROGRAMME").ShouldContain($"You accepted version {joinedUnder} on ");
            Line("PROGRAMME").ShouldContain("You are not bound by the new text until you accept it.");
            Line("PROGRAMME").ShouldEndWith("| link=/programme | button=acceptProgramme");
            // the editor changed it again while the page was open: the stale version is refused, beside the button
            Line("PROGRAMMEERROR").ShouldBe($"PROGRAMMEERROR version={changed + 1} This is not the programme's current version: read the programme again and accept the version it shows. describedby=programme-notice-error");
            Line("PROGRAMMERELOADED").ShouldStartWith($"PROGRAMMERELOADED The programme now stands at version {changed + 1}, ");
            Line("PROGRAMMEKEYBOARD").ShouldBe("PROGRAMMEKEYBOARD I accept the programme as it stands now");
            Line("PROGRAMMEACCEPTED").ShouldBe($"PROGRAMMEACCEPTED Thank you: you have accepted version {changed + 1} of the programme. It is recorded with today’s date in your history. focused=true");
            Line("PROGRAMMEAFTER").ShouldBe("PROGRAMMEAFTER notices=0 | Hello, Rosa");
            foreach (var (page, current) in new[] { ("dashboard", "Dashboard"), ("profile", "Profile"), ("contributions", "Contributions"), ("history", "History"), ("data", "My data") })
                Line($"MEMBERNAV {page}").ShouldBe($"MEMBERNAV {page} Dashboard | Profile | Contributions | History | My data | Meetings and votes current={current}");
            Line("DASHBOARD").ShouldStartWith("DASHBOARD /me | ");
            Line("DASHBOARD").ShouldContain(branchName);
            Line("DASHBOARD").ShouldContain("Active member");
            Line("DASHBOARD").ShouldContain(actionTitle);
            Line("DASHBOARD").ShouldContain("No notices");
            Line("ACTIONLINK").ShouldBe($"ACTIONLINK /campaigns/{slug}");
            Line("NEXTACTIONS").ShouldBe($"NEXTACTIONS 5 6 | {actionTitle} | Picket, day 3 | Picket, day 4 | Picket, day 5 | Picket, day 6 | Picket, day 7");

            Line("PROFILEERROR").ShouldBe("PROFILEERROR Phone may hold only digits, spaces, +, -, ( and ), 6 to 32 characters. describedby=phone-error | Nothing was saved: please check the fields marked above.");
            Line("DETAILS").ShouldBe("DETAILS Your details are saved.");
            // the fixture's host sends mail (to its test mailbox): the member is told the confirmation is on its way
            Line("EMAILCHANGE").ShouldStartWith($"EMAILCHANGE Your details are saved. We sent a confirmation to the new address, {newEmail}: your email changes once you open the link in it.");
            Line("EMAILCHANGE").ShouldEndWith($"| Waiting for confirmation: {newEmail}. It becomes your email once confirmed from the link mailed to it.");
            Line("PARTICIPATION").ShouldBe("PARTICIPATION Your participation is saved.");
            Line("PREFERENCES").ShouldBe("PREFERENCES Your communication preferences are saved.");
            Line("RELOADED").ShouldBe("RELOADED Unite | Bus garage, Holloway | Rank-and-file union work | Palestine solidarity | Opposing the far right | housing, climate | Weekday evenings and Saturday mornings | Text messages | ");

            Line("PLEDGEERROR").ShouldBe("PLEDGEERROR The contribution must be more than zero.");
            Line("PLEDGE").ShouldBe("PLEDGE Your new pledge is saved. It counts from this month. | £15.00 every three months | You are up to date with your contributions. Thank you.");
            Line("PAYMENTS").ShouldBe("PAYMENTS 10 12");
            var history = Line("HISTORY").Split(' ');
            history[1].ShouldBe("10");
            int.Parse(history[2]).ShouldBeGreaterThan(10);
            Line("HISTORY").ShouldEndWith(" Pledged 15.00 GBP quarterly."); // newest first: the pledge just changed
            Line("DOWNLOAD").ShouldMatch(@"^DOWNLOAD workers-power-my-data-\d{4}-\d{2}-\d{2}\.json json=true email=true pages=1$");

            Line("RESIGNED").ShouldStartWith("RESIGNED /me/resigned | You have resigned");
            Line("RESIGNED").ShouldContain("you are now signed out");
            Line("RESIGNED").ShouldEndWith("| Home | Campaigns | Articles | Join us | Sign in | token=null");
            Line("AFTER").ShouldBe("AFTER /sign-in?next=%2Fme");

            foreach (var page in new[] { "programme", "programme-error", "programme-accepted", "dashboard", "profile-error", "profile", "contributions", "history", "data", "resign-confirm", "resigned" })
                Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in Pages)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the pages saved, as the API holds it (read by an admin: the member's token is refused since they resigned)
            // the server holds the acceptance of the programme's current version, made by the member
            var accepted = await ProgrammeAcceptedAsync(member.MemberId, admin);
            accepted["current"]!.GetValue<bool>().ShouldBeTrue();
            accepted["version"]!.GetValue<int>().ShouldBe(changed + 1);
            accepted["currentVersion"]!.GetValue<int>().ShouldBe(changed + 1);
            accepted["source"]!.GetValue<string>().ShouldBe("MEMBER");
            var saved = (await fixture.Client.DataAsync(
                "query($id: ID!) { node(id: $id) { ... on Member { status statusReason phone union workplace interests availability communicationPreferences { email post sms } contribution { amount currency } contributionFrequency } } }",
                new { id = member.MemberId }, admin))["node"]!;
            saved["status"]!.GetValue<string>().ShouldBe("RESIGNED");
            saved["statusReason"]!.GetValue<string>().ShouldBe("Moving abroad");
            saved["phone"]!.GetValue<string>().ShouldBe("020 7946 0000");
            saved["union"]!.GetValue<string>().ShouldBe("Unite");
            saved["workplace"]!.GetValue<string>().ShouldBe("Bus garage, Holloway");
            saved["interests"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(["rank-and-file", "palestine", "anti-fascism", "housing", "climate"]);
            saved["availability"]!.GetValue<string>().ShouldBe("Weekday evenings and Saturday mornings");
            saved["communicationPreferences"]!["sms"]!.GetValue<bool>().ShouldBeTrue();
            saved["communicationPreferences"]!["post"]!.GetValue<bool>().ShouldBeFalse();
            decimal.Parse(saved["contribution"]!["amount"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(15m);
            saved["contributionFrequency"]!.GetValue<string>().ShouldBe("QUARTERLY");
            // resigning left the member signed out: their token is refused
            (await fixture.Client.PostAsync("{ me { email } }", new { }, member.Token)).Body.ShouldNotContain(member.Email);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    /// <summary>Creates or revises the programme page (as the editor given): its version afterwards.</summary>
    private async Task<int> SaveProgrammeAsync(string token, string body)
    {
        var page = (await fixture.Client.DataAsync("{ page(slug: \"programme\") { version } }", token: token))["page"];
        var saved = await fixture.Client.PostAsync("mutation($input: SavePageInput!) { savePage(input: $input) { article { version } errors { code message } } }",
            new { input = new { slug = "programme", title = "Our programme", body, expectedVersion = page?["version"]?.GetValue<int>() } }, token);
        saved.UserErrors("savePage").ShouldBeEmpty(saved.Body);
        return saved["savePage.article.version"]!.GetValue<int>();
    }

    /// <summary>The member's programmeAccepted, read by an admin.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> ProgrammeAcceptedAsync(string memberId, string admin) =>
        (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { programmeAccepted { current currentVersion version source } } } }", new { id = memberId }, admin))
            ["node"]!["programmeAccepted"] ?? throw new ShouldAssertException("No programme acceptance recorded for the member.");

    /// <summary>A campaign with six actions the member signed up for: the soonest one's title and the campaign's slug.</summary>
    private async Task<(string Title, string Slug)> SignUpForAnActionAsync(string admin, string memberToken)
    {
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id slug } errors { code message } } }",
            new { input = new { title = $"Save the bus routes {Guid.NewGuid():N}"[..27], summary = "Pickets at the depots.", goal = 100 } }, admin);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var title = $"Depot picket {Guid.NewGuid():N}"[..20];
        // six actions, the named one soonest: more than the dashboard's first page of five
        for (var day = 2; day < 8; day++)
        {
            var starts = DateTimeOffset.UtcNow.AddDays(day);
            var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
                new { input = new { campaignId = launched["launchCampaign.campaign.id"]!.GetValue<string>(), kind = "PICKET", title = day == 2 ? title : $"Picket, day {day}", startsAt = starts, endsAt = starts.AddHours(2), location = "Holloway bus garage" } }, admin);
            scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
            var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
                new { input = new { actionId = scheduled["scheduleAction.action.id"]!.GetValue<string>() } }, memberToken);
            signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
        }
        return (title, launched["launchCampaign.campaign.slug"]!.GetValue<string>());
    }
}
