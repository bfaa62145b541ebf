using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>A real server whose Wolverine also runs the failure probes, to make dead letters.</summary>
public sealed class WebAdminFixture : FailureProbeServerFixture;

/// <summary>
/// The admin's room of the web client (/admin and its pages) in a real headless Chromium driven by Playwright
/// (tests/conformance/admin.mjs): an organiser and a treasurer are turned away; an admin founds and renames a
/// branch, grants roles on a branch and on a campaign until a day and revokes a grant with a reason (never their own ADMIN), discards and replays dead letters, reads the audit
/// of personal-data reads by reader and by member, and erases a member through the confirmation.
/// </summary>
public sealed class WebAdminTests(WebAdminFixture fixture) : IClassFixture<WebAdminFixture>
{
    private static readonly string[] Screens =
        ["admin-denied-organiser", "admin-denied-treasurer", "admin-branches-error", "admin-branches", "admin-branches-rename", "admin-roles", "admin-roles-revoke", "admin-roles-ended",
         "admin-dead-letters", "admin-dead-letters-discard", "admin-audit", "admin-erase-confirm", "admin-erased"];

    private const string Letters = "{ deadLetters(first: 100) { nodes { id exceptionMessage } } }";

    [Fact]
    public async Task In_chromium_an_admin_runs_branches_roles_dead_letters_the_audit_and_erasure_and_others_are_turned_away()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var branchName = (await fixture.Client.DataAsync("query($id: ID!) { branch(id: $id) { name } }", new { id = branch }, admin))["branch"]!["name"]!.GetValue<string>();
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).ToArray()).PadRight(6, 'q');
        var me = await JoinAsAsync(branch, "Ada", $"Admin{suffix}", "ADMIN");
        var grantee = await JoinAsAsync(branch, "Nadia", $"Grantee{suffix}");
        var organiser = await JoinAsAsync(branch, "Olu", $"Organiser{suffix}", "ORGANISER");
        var treasurer = await JoinAsAsync(branch, "Tess", $"Treasurer{suffix}", "TREASURER");
        var readee = await JoinAsAsync(branch, "Rita", $"Read{suffix}");
        var erasee = await JoinAsAsync(branch, "Emil", $"Erase{suffix}");
        var campaign = await WebData.LaunchCampaignAsync(fixture.Client, admin, "Steward the conference", "The weekend's conference needs stewards.", 40);
        // the organiser reads two members' personal data, one of them in 22 requests (one record each): more than a page
        (await MemberApi.MemberAsync(fixture, grantee.MemberId, organiser.Token, "email")).ShouldSucceed();
        for (var i = 0; i < 22; i++) (await MemberApi.MemberAsync(fixture, readee.MemberId, organiser.Token, "email phone")).ShouldSucceed();

        // three dead letters: one whose cause is then mended (replayed), two to discard
        var (replay, discardOne, discardTwo) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var probe in new[] { replay, discardOne, discardTwo }) await fixture.PublishAsync(new PoisonProbe(probe));
        await WaitUntilAsync(async () =>
        {
            var listed = (await fixture.Client.DataAsync(Letters, token: admin))["deadLetters"]!["nodes"]!.AsArray().Select(n => n!["exceptionMessage"]!.GetValue<string>()).ToList();
            return new[] { replay, discardOne, discardTwo }.All(p => listed.Any(m => m.Contains(p.ToString())));
        }, "the probes were never dead-lettered");
        FailureProbeHandlers.Mended[replay] = true;

        var shots = Directory.CreateTempSubdirectory("wp-web-admin-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("admin.mjs", fixture.ServerAddress!.ToString(), shots, me.Email, MemberApi.Password, suffix,
                organiser.Email, treasurer.Email, replay.ToString(), discardOne.ToString(), discardTwo.ToString(), campaign.Title);
            File.WriteAllText(Path.Combine(shots, "output.txt"), text);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            const string Alert = "This part is for admins. Your account does not hold that role; if you think it should, ask an admin.";
            foreach (var (who, area) in new[] { ("organiser", "Organise"), ("treasurer", "Treasury") })
            {
                Line($"DENIED {who}").ShouldStartWith($"DENIED {who} Admin | {Alert} mutations=0 menu=");
                var menu = Line($"DENIED {who}").Split("menu=")[1].Split(" | ");
                menu.ShouldContain(area);
                menu.ShouldNotContain("Admin");
            }
            Line("ADMINNAV").ShouldBe("ADMINNAV Branches | Roles | Dead letters | Audit | Erase a member | Operations");

            Line("FOUNDERROR").ShouldMatch(@"^FOUNDERROR A branch named '.+' exists already\. describedby=branchName-hint branchName-error \| Nothing was saved: please check the fields marked above\.$");
            Line("FOUNDED").ShouldBe($"FOUNDED The Riverside {suffix} branch is founded. Applicants can choose it from now on, and you can give it organisers under Roles. | Riverside {suffix} North London 0 Rename Riverside {suffix}");
            Line("RENAMED").ShouldBe($"RENAMED Saved: Riverside {suffix} is now Riverside Docks {suffix}, East London. | Riverside Docks {suffix} East London 0 Rename Riverside Docks {suffix}");

            Line("ROLES").ShouldBe($"ROLES A member of {branchName}. Every member holds the Member role: their own membership. | Nadia Grantee{suffix} holds no grant: only the Member role. | where={branchName}");
            Line("EDITORSCOPE").ShouldBe("EDITORSCOPE 0 Editor is granted on the whole organisation.");
            const string Next = "It takes effect within a few seconds; their menu shows it at their next sign-in.";
            Line("GRANTED1").ShouldBe($"GRANTED1 Nadia Grantee{suffix} now holds Organiser of branch Riverside Docks {suffix}. {Next}");
            var granted2 = Line("GRANTED2").Split(" | ");
            granted2[0].ShouldBe($"GRANTED2 Nadia Grantee{suffix} now holds Campaign organiser of campaign {campaign.Title}. {Next}");
            var untilDay = DateOnly.ParseExact(granted2[1]["until=".Length..], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var today = DateTime.UtcNow.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture).Replace(",", "");
            var untilWords = untilDay.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
            granted2[2].ShouldBe($"Organiser of branch Riverside Docks {suffix} From {today} · no end · granted by Ada Admin{suffix}: “Steward of the new branch” Revoke… Organiser of branch Riverside Docks {suffix}"
                + $" / Campaign organiser of campaign {campaign.Title} From {today} · until the end of {untilWords} · granted by Ada Admin{suffix}: “Conference weekend” Revoke… Campaign organiser of campaign {campaign.Title}");
            Line("REVOKECONFIRM").ShouldBe($"REVOKECONFIRM Revoke Organiser of branch Riverside Docks {suffix}? Nadia Grantee{suffix} loses what it lets them do within a few seconds. The grant stays in their record as ended, with your reason. Why (the member and other admins read it) Revoke the grant Keep it");
            Line("REVOKEERROR").ShouldBe("REVOKEERROR Say why: the member and other admins read it. describedby=revokeReason-error");
            Line("REVOKED").ShouldBe($"REVOKED Nadia Grantee{suffix} no longer holds Organiser of branch Riverside Docks {suffix}. {Next}"
                + $" | active: Campaign organiser of campaign {campaign.Title} From {today} · until the end of {untilWords} · granted by Ada Admin{suffix}: “Conference weekend” Revoke… Campaign organiser of campaign {campaign.Title}"
                + $" | ended: Organiser of branch Riverside Docks {suffix} From {today} · no end · granted by Ada Admin{suffix}: “Steward of the new branch” Revoked {today}: “The branch found its own organiser”");
            Line("SELF").ShouldStartWith("SELF revoke=0 | Admin of the whole organisation From ");
            Line("SELF").ShouldEndWith("You cannot revoke your own admin grant: another admin must.");

            Line("LETTER").ShouldContain("Poison probe");
            Line("LETTER").ShouldContain("The work could not be done in the state things were in");
            Line("LETTER").ShouldContain($"probe {replay} is poisoned");
            Line("LETTER").ShouldContain("Not replayed before");
            Line("DISCARDCONFIRM").ShouldBe("DISCARDCONFIRM Discard 2 dead letters? The work they ask for will never be done, and they cannot be brought back. Replay instead if the work should still happen. Discard for good Keep them");
            Line("DISCARDED").ShouldBe("DISCARDED 2 dead letters discarded: that work will never be done. | 0");
            Line("REPLAYED").ShouldBe("REPLAYED 1 dead letter sent back to be done again. Each leaves this list once its work is done; if it fails again it comes back here.");
            Line("GONE").ShouldStartWith("GONE 0 | ");

            Line("AUDITREADER").ShouldBe($"AUDITREADER Showing 20 of 23 reads by Olu Organiser{suffix}. rows=20");
            Line("AUDITMORE").ShouldBe($"AUDITMORE Showing 23 of 23 reads by Olu Organiser{suffix}. rows=23 more=0 | oldest: Olu Organiser{suffix} Organiser Nadia Grantee{suffix} ({branchName})");
            Line("AUDITBOTH").ShouldBe($"AUDITBOTH Showing 20 of 22 reads by Olu Organiser{suffix} of Rita Read{suffix}’s data. | Olu Organiser{suffix} Organiser Rita Read{suffix} ({branchName})");
            Line("AUDITMEMBER").ShouldMatch($@"^AUDITMEMBER Showing 20 of 2[3-9] reads of Rita Read{suffix}’s data\.$");

            Line("ERASECONFIRM").ShouldStartWith($"ERASECONFIRM Erase Emil Erase{suffix}’s personal data? Emil Erase{suffix}, ");
            Line("ERASECONFIRM").ShouldContain("What is removed");
            Line("ERASECONFIRM").ShouldContain("What stays");
            Line("ERASECONFIRM").ShouldContain("contribution totals stay right");
            Line("ERASECONFIRM").ShouldContain("This cannot be undone.");
            Line("ERASEERROR").ShouldBe($"ERASEERROR Type their name exactly as shown, Emil Erase{suffix}, to confirm. describedby=confirmName-error");
            Line("ERASED").ShouldStartWith($"ERASED Emil Erase{suffix}’s personal data is erased.");

            foreach (var screen in new[] { "denied-organiser", "denied-treasurer", "branches", "branches-error", "branches-rename", "roles", "roles-revoke", "roles-ended", "dead-letters", "dead-letters-discard", "audit", "erase-confirm", "erased" })
                Line($"AXE {screen}").ShouldBe($"AXE {screen} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var screen in Screens)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{screen}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the pages did, as the API holds it
            var branches = (await fixture.Client.DataAsync("{ branches { name region } }", token: admin))["branches"]!.AsArray();
            branches.ShouldContain(b => b!["name"]!.GetValue<string>() == $"Riverside Docks {suffix}" && b["region"]!.GetValue<string>() == "East London");
            branches.ShouldNotContain(b => b!["name"]!.GetValue<string>() == $"Riverside {suffix}");
            var roles = MemberApi.Node(await MemberApi.MemberAsync(fixture, grantee.MemberId, admin, "roles"))["roles"];
            MembershipApi.Strings(roles).Order().ShouldBe(["CAMPAIGN_ORGANISER", "MEMBER"]);
            var grants = (await fixture.Client.DataAsync(
                "query($m: ID!) { roleGrants(memberId: $m, first: 10) { nodes { role active until reason revokeReason scope { kind branch { name } campaign { id } } } } }",
                new { m = grantee.MemberId }, admin))["roleGrants"]!["nodes"]!.AsArray();
            grants.Count.ShouldBe(2);
            var organising = grants.Single(g => g!["role"]!.GetValue<string>() == "ORGANISER")!;
            organising["active"]!.GetValue<bool>().ShouldBeFalse();
            organising["scope"]!["branch"]!["name"]!.GetValue<string>().ShouldBe($"Riverside Docks {suffix}");
            organising["revokeReason"]!.GetValue<string>().ShouldBe("The branch found its own organiser");
            var running = grants.Single(g => g!["role"]!.GetValue<string>() == "CAMPAIGN_ORGANISER")!;
            running["active"]!.GetValue<bool>().ShouldBeTrue();
            running["scope"]!["campaign"]!["id"]!.GetValue<string>().ShouldBe(campaign.Id);
            running["reason"]!.GetValue<string>().ShouldBe("Conference weekend");
            // "Ends on" a day: the end of that day in the organisation's time zone
            var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
            var midnight = untilDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
            DateTimeOffset.Parse(running["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBe(new DateTimeOffset(midnight, london.GetUtcOffset(midnight)));
            FailureProbeHandlers.Done.ContainsKey(replay).ShouldBeTrue("the replayed work was done");
            FailureProbeHandlers.Done.ContainsKey(discardOne).ShouldBeFalse();
            var left = (await fixture.Client.DataAsync(Letters, token: admin))["deadLetters"]!["nodes"]!.AsArray().Select(n => n!["exceptionMessage"]!.GetValue<string>()).ToList();
            left.ShouldNotContain(m => m.Contains(replay.ToString()) || m.Contains(discardOne.ToString()) || m.Contains(discardTwo.ToString()));
            var erased = MemberApi.Node(await MemberApi.MemberAsync(fixture, erasee.MemberId, admin, "erased givenName email"));
            erased["erased"]!.GetValue<bool>().ShouldBeTrue();
            erased["givenName"]!.GetValue<string>().ShouldNotBe("Emil");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }

    }

    /// <summary>A member in roles, renamed so a name search finds exactly them.</summary>
    private async Task<MemberApi.Person> JoinAsAsync(string branch, string givenName, string familyName, params string[] roles)
    {
        var person = await MemberApi.JoinAsync(fixture, branch, roles);
        var renamed = await fixture.Client.PostAsync("mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { errors { code message } } }",
            new { input = new { givenName, familyName } }, person.Token);
        renamed.UserErrors("updateMyProfile").ShouldBeEmpty(renamed.Body);
        return person;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string because)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new ShouldAssertException(because);
            await Task.Delay(250);
        }
    }
}
