using System.Text.Json;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// No screen offers an action its user may not take: each role signs in, in a real headless Chromium
/// (tests/conformance/roles.mjs), opens every screen of every role area, and every button that would commit a
/// mutation (data-mutation) or open its confirmation (data-opens) is checked against the authorization matrix
/// (authorization-matrix.txt, which the AuthorizationMatrixTests keep equal to the server's rules). The areas not
/// theirs turn them away with nothing to act on, and the menu lists exactly the areas of their roles. A campaign
/// organiser (CAMPAIGN_ORGANISER on one campaign) gets the Organise area's campaign screens only.
/// </summary>
public sealed class WebRolesTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Roles = ["MEMBER", "ORGANISER", "CAMPAIGN_ORGANISER", "TREASURER", "EDITOR", "ADMIN"];

    /// <summary>Each area's path prefix, its menu entry, and the roles that may work in it.</summary>
    private static readonly (string Prefix, string Menu, string[] Roles)[] Areas =
    [
        ("/organise", "Organise", ["ORGANISER", "CAMPAIGN_ORGANISER", "ADMIN"]),
        ("/editor", "Editing", ["EDITOR", "ADMIN"]),
        ("/treasury", "Treasury", ["TREASURER", "ADMIN"]),
        ("/admin", "Admin", ["ADMIN"]),
    ];

    [Fact]
    public async Task In_chromium_every_role_is_offered_only_what_the_authorization_matrix_allows_it()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var people = new Dictionary<string, MemberApi.Person>();
        foreach (var role in Roles)
            people[role] = role is "MEMBER" or "CAMPAIGN_ORGANISER" ? await MemberApi.JoinAsync(fixture, branch) : await MemberApi.JoinAsync(fixture, branch, role);

        // something on every screen to act on: a pending application, a member of the organiser's branch, a campaign
        // the organiser launched with an action they scheduled, a draft article
        var application = await MembershipApi.ApplyAsync(fixture.Client, MembershipApi.UniqueEmail("roles"));
        var someone = await MemberApi.JoinAsync(fixture, branch);
        var (campaignId, _, slug) = await WebData.LaunchCampaignAsync(fixture.Client, people["ORGANISER"].Token, "Roles check", "A campaign for the roles check.", 50);
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId, kind = "PICKET", title = "Roles picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The depot gates" } }, people["ORGANISER"].Token);
        scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
        // the campaign organiser holds CAMPAIGN_ORGANISER on that campaign only (they sign in afterwards, in the browser)
        var granted = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message } } }",
            new { input = new { memberId = people["CAMPAIGN_ORGANISER"].MemberId, role = "CAMPAIGN_ORGANISER", campaignId, reason = "Runs the roles check" } }, admin);
        granted.UserErrors("grantRole").ShouldBeEmpty(granted.Body);
        var actionId = scheduled["scheduleAction.action.id"]!.GetValue<string>();
        var signedUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
            new { input = new { actionId } }, someone.Token);
        signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
        await MembershipApi.CreateBranchAsync(fixture.Client, admin); // a branch to move members into
        var drafted = await fixture.Client.PostAsync("mutation($input: DraftArticleInput!) { draftArticle(input: $input) { article { id } errors { code message } } }",
            new { input = new { title = "Roles check draft", summary = "A draft.", body = "Some text." } }, people["EDITOR"].Token);
        drafted.UserErrors("draftArticle").ShouldBeEmpty(drafted.Body);
        var articleId = drafted["draftArticle.article.id"]!.GetValue<string>();
        var revised = await fixture.Client.PostAsync("mutation($input: ReviseArticleInput!) { reviseArticle(input: $input) { errors { code message } } }",
            new { input = new { articleId, expectedVersion = 1, body = "Some more text." } }, people["EDITOR"].Token);
        revised.UserErrors("reviseArticle").ShouldBeEmpty(revised.Body);

        string[] paths =
        [
            "/organise", $"/organise/applications/{application}", "/organise/members", $"/organise/members/{someone.MemberId}", "/organise/messages",
            "/organise/campaigns", $"/organise/campaigns/{slug}", $"/organise/actions/{actionId}",
            "/editor", "/editor/new", $"/editor/articles/{articleId}", $"/editor/articles/{articleId}/history", "/editor/pages", "/editor/pages/about",
            "/treasury", "/treasury/import", "/treasury/totals",
            "/admin", "/admin/roles", "/admin/dead-letters", "/admin/audit", "/admin/erase", "/admin/operations",
        ];
        var folder = Directory.CreateTempSubdirectory("wp-web-roles-").FullName;
        try
        {
            var accounts = Path.Combine(folder, "accounts.json");
            await File.WriteAllTextAsync(accounts, JsonSerializer.Serialize(Roles.Select(r => new { role = r, email = people[r].Email, password = MemberApi.Password })));
            var pathsFile = Path.Combine(folder, "paths.json");
            await File.WriteAllTextAsync(pathsFile, JsonSerializer.Serialize(paths));
            var (exitCode, text) = await NodeScript.RunAsync("roles.mjs", fixture.ServerAddress!.ToString(), accounts, pathsFile);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);

            var allowed = MatrixMutations();
            var offeredToAdmin = new HashSet<string>();
            var offeredToCampaignOrganiser = new HashSet<string>();
            foreach (var role in Roles)
            {
                var mine = Areas.Where(a => a.Roles.Contains(role)).Select(a => a.Menu);
                lines.ShouldContain($"MENU {role} " + string.Join(" | ", ["Home", "Campaigns", "Articles", .. mine, "Rosa", "Sign out"]), text);
                foreach (var path in paths)
                {
                    var mayEnter = Areas.Single(a => path.StartsWith(a.Prefix, StringComparison.Ordinal)).Roles.Contains(role)
                        // a campaign organiser who organises no branch: the campaign screens only (the area's index leads there)
                        && (role != "CAMPAIGN_ORGANISER" || path == "/organise" || path.StartsWith("/organise/campaigns", StringComparison.Ordinal) || path.StartsWith("/organise/actions/", StringComparison.Ordinal));
                    var offers = lines.Single(l => l.StartsWith($"OFFERS {role} {path} ", StringComparison.Ordinal))[$"OFFERS {role} {path} ".Length..];
                    var names = offers == "-" ? [] : offers.Split(' ');
                    if (!mayEnter)
                    {
                        lines.ShouldContain($"REFUSED {role} {path}", $"{role} is turned away from {path}\n{text}");
                        names.ShouldBeEmpty($"{role} on {path}, an area not theirs");
                        continue;
                    }
                    lines.ShouldNotContain($"REFUSED {role} {path}", $"{role} may work on {path}\n{text}");
                    foreach (var name in names)
                    {
                        allowed.ShouldContainKey(name, $"{path} offers {name}, which is not a mutation of the schema");
                        allowed[name].ShouldContain(role, $"{path} offers {name} to {role}, which the matrix does not allow");
                    }
                    if (role == "ADMIN") offeredToAdmin.UnionWith(names);
                    if (role == "CAMPAIGN_ORGANISER") offeredToCampaignOrganiser.UnionWith(names);
                }
            }
            // the check has something to check: the screens do mark their actions (as loaded, before any search or choice)
            string[] expected =
                ["approveMembershipApplication", "rejectMembershipApplication", "suspendMember", "transferMember",
                 "launchCampaign", "updateCampaign", "concludeCampaign", "scheduleAction", "rescheduleAction", "cancelAction", "checkInAttendee",
                 "draftArticle", "reviseArticle", "submitArticleForReview", "publishArticle", "restoreArticleRevision", "savePage",
                 "importContributionPayments", "createBranch", "renameBranch"];
            expected.Except(offeredToAdmin).ShouldBeEmpty(text);
            // the campaign organiser runs their campaign from its page and at its action; launching is not theirs
            string[] campaignWork = ["updateCampaign", "concludeCampaign", "scheduleAction", "rescheduleAction", "cancelAction", "checkInAttendee"];
            campaignWork.Except(offeredToCampaignOrganiser).ShouldBeEmpty(text);
            offeredToCampaignOrganiser.ShouldNotContain("launchCampaign");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Each mutation of the authorization matrix with the callers it allows.</summary>
    private static Dictionary<string, string[]> MatrixMutations()
    {
        var file = Path.Combine(Repository.Root, "tests", "WorkersPower.Host.Tests", "authorization-matrix.txt");
        return File.ReadAllLines(file)
            .Where(l => l.StartsWith("mutation ", StringComparison.Ordinal) && l.IndexOf(':', StringComparison.Ordinal) is var colon && !l[..colon].Contains('.'))
            .Select(l => l["mutation ".Length..].Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
