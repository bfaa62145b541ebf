using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The organiser's console, campaigns side, in a real headless Chromium driven by Playwright
/// (tests/conformance/organise-campaigns.mjs) with two organisers' browsers: one launches, edits, schedules, moves,
/// cancels, concludes and reopens a campaign, then at an action checks in two people who signed up and a walk-in
/// found by name while the other's screen on the same action shows the count move without a reload; then records
/// the outcome; the other, of the same branch but not one of the campaign's organisers, is told who checks people in
/// and is offered none of it. The first then writes to everyone taking part in the campaign (previewed, sent, and
/// checked through the API). A member opening the console is told it is not theirs.
/// </summary>
public sealed class WebCampaignsConsoleTests(RealMailFixture fixture) : IClassFixture<RealMailFixture>
{
    private static readonly string[] Screens =
        ["campaigns-list", "campaign-cancel-confirm", "campaign-detail", "at-the-action-watching", "at-the-action", "campaign-progress", "messages-campaign", "messages-campaign-sent", "campaigns-member", "campaigns-runner", "campaign-runner", "branch-runner", "campaign-not-running"];

    private const string Search = "query($id: ID!, $search: String!) { node(id: $id) { ... on CampaignAction { walkInCandidates(search: $search) { displayName } } } }";

    [Fact]
    public async Task In_chromium_two_organisers_run_a_campaign_and_watch_the_count_move_at_an_action()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var organiser1 = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var organiser2 = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var member = await MemberApi.JoinAsync(fixture, branch);
        var runner = await MemberApi.JoinAsync(fixture, branch); // made CAMPAIGN_ORGANISER of the campaign below
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray()).PadRight(5, 'x');

        // three members with names: two will sign up, one will walk in (their names checked through a probe action of an admin's campaign)
        var probe = await LaunchAsync(admin, $"Probe {suffix}");
        var probeAction = await ScheduleAsync(admin, probe.Id, "Probe", DateTimeOffset.UtcNow.AddDays(10), null);
        var ada = await NamedMemberAsync(branch, "Ada", "Picketline", probeAction, admin);
        var ben = await NamedMemberAsync(branch, "Ben", "Strikefund", probeAction, admin);
        await NamedMemberAsync(branch, "Cleo", "Walkabout", probeAction, admin);

        // a campaign of organiser 1's with an action starting in a minute (its outcome can be recorded once it started), made through the API
        var apiTitle = $"Save the night buses {suffix}";
        var (campaignId, slug) = await LaunchAsync(organiser1.Token, apiTitle);
        var actionId = await ScheduleAsync(organiser1.Token, campaignId, "Picket at the garage", DateTimeOffset.UtcNow.AddSeconds(60), 30);
        var granted = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message } } }",
            new { input = new { memberId = runner.MemberId, role = "CAMPAIGN_ORGANISER", campaignId, reason = "Runs the garage pickets" } }, admin);
        granted.UserErrors("grantRole").ShouldBeEmpty(granted.Body);
        foreach (var m in new[] { ada, ben })
        {
            var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
                new { input = new { actionId } }, m.Token);
            signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
        }

        var shots = Directory.CreateTempSubdirectory("wp-web-campaigns-").FullName;
        try
        {
            // four minutes: the script waits for the action to start (a minute) before it records its outcome, and the
            // other browser tests run beside it
            var (exitCode, text) = await NodeScript.RunAsync(TimeSpan.FromMinutes(4), "organise-campaigns.mjs", fixture.ServerAddress!.ToString(), shots,
                organiser1.Email, organiser2.Email, member.Email, MemberApi.Password, actionId, "Cleo Walkabout", suffix, slug, apiTitle, runner.Email);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            Line("LIST").ShouldContain(apiTitle);
            var newTitle = $"Clean air at the depots {suffix}";
            Line("LAUNCHED").ShouldBe($"LAUNCHED /organise/campaigns/clean-air-at-the-depots-{suffix} | {newTitle}");
            Line("SCHEDULED").ShouldBe("SCHEDULED The action is scheduled: members can sign up for it now, and those signed up get a reminder the day before. | Stall at the market");
            Line("EDITED").ShouldBe("EDITED The campaign is saved.");
            Line("RESCHEDULED").ShouldStartWith("RESCHEDULED The action is moved. Everyone signed up is told the new time and place. | Stall · ");
            Line("RESCHEDULED").ShouldEndWith("· Ridley Road, by the station");
            Line("CANCELERROR").ShouldMatch(@"^CANCELERROR Give the reason: the members signed up receive it\. describedby=\S+-reason-error$");
            Line("CANCELLED").ShouldBe("CANCELLED The action is cancelled. Everyone signed up is told, with your reason. | Cancelled The market is closed for repairs that day. | Actions (1) buttons=");
            Line("CONCLUDED").ShouldBe("CONCLUDED The campaign is concluded. | Concluded");
            Line("REOPENED").ShouldBe("REOPENED The campaign is running again. | Running");

            Line("COUNT 0").ShouldBe("COUNT 0 0 checked in · 2 signed up · 28 places left");
            Line("COUNT 1").ShouldBe("COUNT 1 1 checked in · 2 signed up · 28 places left");
            Line("COUNT 2").ShouldBe("COUNT 2 2 checked in · 2 signed up · 28 places left");
            Line("RELOADED").ShouldBe("RELOADED false");
            Line("WATCHLIST").ShouldBe("WATCHLIST Ada Picketline Checked in | Ben Strikefund Checked in");
            Line("FILTER").ShouldBe("FILTER Ben Strikefund");
            Line("WALKINERROR").ShouldBe("WALKINERROR Type at least 2 letters of the name. describedby=walkin-hint walkin-error");
            var branchName = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Branch { name } } }", new { id = branch }))["node"]!["name"]!.GetValue<string>();
            Line("WALKIN").ShouldBe($"WALKIN Cleo Walkabout {branchName}");
            Line("WALKINDONE").ShouldBe("WALKINDONE 3 checked in · 2 signed up · 28 places left");
            Line("OUTCOME").ShouldStartWith("OUTCOME The outcome is recorded. | Forty drivers stopped to talk; the depot manager came out to listen.");
            Line("OUTCOME").ShouldContain("Papers sold");
            Line("OUTCOME").ShouldContain("Signatures");
            // organiser 2 (same branch, not one of the campaign's organisers) was offered nothing the server refuses
            // (organiser 1, who launched it, and the campaign organiser granted it)
            var organiserNames = (await fixture.Client.DataAsync("query($slug: String!) { campaign(slug: $slug) { organisers { displayName } } }", new { slug }))["campaign"]!["organisers"]!.AsArray().Select(o => o!["displayName"]!.GetValue<string>()).ToList();
            organiserNames.Count.ShouldBe(2);
            var launcherName = $"{organiserNames[0]} and {organiserNames[1]}";
            Line("OUTSIDER").ShouldBe($"OUTSIDER Only the campaign’s organisers ({launcherName}) and admins check people in and record the outcome here. You can follow the counts as they change. | 3 checked in · 2 signed up · 28 places left checkins=0 outcomes=0 walkin=0 outcome=0");

            Line("FIGURES").ShouldBe("FIGURES 3 taking part of a goal of 20 2 sign-ups 3 checked in 1 action");
            Line("CHART").ShouldMatch(@"^CHART Sign-ups and check-ins per day \(last 30 days\) rows=1 \| \w{3} \d{1,2} \w{3} 2 3$");
            Line("KINDS").ShouldBe("KINDS Members of a branch | Everyone taking part in a campaign | The people signed up for one action");
            Line("CAMPAIGNS").ShouldBe($"CAMPAIGNS {newTitle} | {apiTitle}");
            // the message to the campaign's participants, as the API holds it: the count previewed is the count sent
            var reach = (await fixture.Client.DataAsync("query($segment: MessageSegmentInput!) { messageRecipientCount(segment: $segment) }", new { segment = new { campaignId } }, organiser1.Token))["messageRecipientCount"]!.GetValue<int>();
            reach.ShouldBeGreaterThan(1);
            Line("CAMPAIGNSENT").ShouldStartWith($"CAMPAIGNSENT Sent to {reach} members: ");
            var sent = (await fixture.Client.DataAsync("{ organiserMessages(first: 1) { nodes { subject body recipientCount segment } } }", token: organiser1.Token))["organiserMessages"]!["nodes"]![0]!;
            sent["subject"]!.GetValue<string>().ShouldBe("Thank you for the picket");
            sent["body"]!.GetValue<string>().ShouldBe("Thank you for standing with the night drivers.\nThe next picket is on Friday.");
            sent["recipientCount"]!.GetValue<int>().ShouldBe(reach);
            Line("CAMPAIGNPREVIEW").ShouldBe($"CAMPAIGNPREVIEW This message will reach {reach} members who accept email. | Send to {reach} members");
            Line("CAMPAIGNSENT").ShouldBe($"CAMPAIGNSENT Sent to {reach} members: {sent["segment"]!.GetValue<string>()}. The mails go out over the next few minutes.");
            Line("MEMBER").ShouldBe("MEMBER This part is for organisers. Your account does not hold that role; if you think it should, ask an admin. mutations=0");
            // the campaign organiser: the campaign screens only, their campaign listed, run from its page; no launching, no branch screens
            Line("RUNNER").ShouldBe($"RUNNER /organise/campaigns nav=Campaigns | Campaigns you run (1) {apiTitle} Running | launch=0");
            Line("RUNNERCAMPAIGN").ShouldBe("RUNNERCAMPAIGN concludeCampaign scheduleAction updateCampaign notice=0"); // its one action has started: no moving or cancelling it
            Line("RUNNERBRANCH").ShouldBe("RUNNERBRANCH This part is for organisers of a branch. You run campaigns: find the campaigns you run under Campaigns. mutations=0");
            Line("NOTRUNNING").ShouldBe($"NOTRUNNING You do not run this campaign, so you see it without changing it. It is run by {launcherName}; an admin can make you one of its campaign organisers. mutations=0");

            foreach (var screen in Screens)
                Line($"AXE {screen}").ShouldBe($"AXE {screen} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var screen in Screens)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{screen}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the screens did, as the API holds it
            var action = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { attendanceCount outcome { summary counts { name value } } } } }",
                new { id = actionId }, admin))["node"]!;
            action["attendanceCount"]!.GetValue<int>().ShouldBe(3);
            action["outcome"]!["counts"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["value"]!.GetValue<int>())).ShouldBe([("Papers sold", 12), ("Signatures", 40)]);
            var campaign = (await fixture.Client.DataAsync("query($slug: String!) { campaign(slug: $slug) { goal status actions { nodes { status cancelReason } } } }",
                new { slug = $"clean-air-at-the-depots-{suffix}" }))["campaign"]!;
            campaign["goal"]!.GetValue<int>().ShouldBe(60);
            campaign["status"]!.GetValue<string>().ShouldBe("ACTIVE");
            campaign["actions"]!["nodes"]![0]!["cancelReason"]!.GetValue<string>().ShouldBe("The market is closed for repairs that day.");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    private async Task<(string Id, string Slug)> LaunchAsync(string token, string title)
    {
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id slug } errors { code message } } }",
            new { input = new { title, summary = "Night routes keep night workers moving.", goal = 20 } }, token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        return (launched["launchCampaign.campaign.id"]!.GetValue<string>(), launched["launchCampaign.campaign.slug"]!.GetValue<string>());
    }

    private async Task<string> ScheduleAsync(string token, string campaignId, string title, DateTimeOffset starts, int? capacity)
    {
        var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId, kind = "PICKET", title, startsAt = starts, endsAt = starts.AddHours(2), location = "Holloway bus garage", capacity } }, token);
        scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
        return scheduled["scheduleAction.action.id"]!.GetValue<string>();
    }

    /// <summary>A member of the branch with this name, once Campaigns' copy of them has it (whichever message it hears first).</summary>
    private async Task<MemberApi.Person> NamedMemberAsync(string branch, string givenName, string familyName, string actionId, string admin)
    {
        var person = await MemberApi.JoinAsync(fixture, branch);
        var renamed = await fixture.Client.PostAsync("mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { errors { code message } } }",
            new { input = new { givenName, familyName } }, person.Token);
        renamed.UserErrors("updateMyProfile").ShouldBeEmpty(renamed.Body);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = await fixture.Client.DataAsync(Search, new { id = actionId, search = $"{givenName} {familyName}" }, admin);
            if (found["node"]!["walkInCandidates"]!.AsArray().Count > 0) return person;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Campaigns never heard that {givenName} {familyName} joined.");
    }
}
