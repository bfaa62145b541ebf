using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The organiser's console, people side (/organise: applications, members, a member's page, messages), in a real
/// headless Chromium driven by Playwright (tests/conformance/organise.mjs) against the real host with mail on: an
/// organiser finds the console in the menu, approves one application and rejects another with a reason, finds a
/// member by search, suspends and reinstates them, moves another to a second branch, previews a message's reach and
/// sends it; a member and a treasurer find the console closed, with nothing to act on.
/// </summary>
public sealed class WebOrganiseTests(RealMailFixture fixture) : IClassFixture<RealMailFixture>
{
    private static readonly string[] Screens =
        ["applications", "application", "approved", "reject-confirm", "rejected", "members", "member", "suspend-confirm", "suspended", "moved", "messages", "sent"];

    [Fact]
    public async Task In_chromium_an_organiser_approves_rejects_finds_suspends_reinstates_moves_and_writes_to_members_while_others_find_it_closed()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branchName = "Holloway " + Letters(8);
        var otherBranchName = "Archway " + Letters(8);
        var branchId = await MembershipApi.CreateBranchAsync(fixture.Client, admin, branchName);
        var otherBranchId = await MembershipApi.CreateBranchAsync(fixture.Client, admin, otherBranchName);
        var organiser = await MemberApi.JoinAsync(fixture, branchId, "ORGANISER");
        // they organise a second branch too (granted after their own): they see both, choose among them, and move members between them
        var second = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message } } }",
            new { input = new { memberId = organiser.MemberId, role = "ORGANISER", branchId = otherBranchId, reason = "Covers Archway while it has no organiser" } }, admin);
        second.UserErrors("grantRole").ShouldBeEmpty(second.Body);
        var member = await MemberApi.JoinAsync(fixture, branchId);
        var treasurer = await MemberApi.JoinAsync(fixture, branchId, "TREASURER");

        var approveName = ("Wilhelmina", "Applebury" + Letters(6));
        var rejectName = ("Cornelius", "Rackham" + Letters(6));
        var suspendName = ("Ottoline", "Quarrie" + Letters(6));
        var moveName = ("Barnaby", "Thistlewood" + Letters(6));
        var (approveId, approveEmail) = await ApplyAsync(branchId, approveName);
        var (rejectId, _) = await ApplyAsync(branchId, rejectName);
        var suspendId = await MemberOfAsync(admin, branchId, suspendName);
        var moveId = await MemberOfAsync(admin, branchId, moveName);
        // eight changes of standing before the organiser's two: more than a page of history
        for (var i = 0; i < 4; i++)
        {
            foreach (var (mutation, input) in new[] { ("suspendMember", "SuspendMemberInput"), ("reinstateMember", "ReinstateMemberInput") })
            {
                var changed = await MemberApi.MutateAsync(fixture, mutation, input, new { memberId = suspendId, reason = $"Round {i + 1}" }, admin);
                changed.UserErrors(mutation).ShouldBeEmpty(changed.Body);
            }
        }

        var shots = Directory.CreateTempSubdirectory("wp-web-organise-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("organise.mjs", fixture.ServerAddress!.ToString(), shots, MemberApi.Password,
                organiser.Email, member.Email, treasurer.Email, Name(approveName), Name(rejectName), Name(suspendName), Name(moveName), otherBranchName,
                PlatformFixture.AdminEmail, PlatformFixture.AdminPassword);
            await File.WriteAllTextAsync(Path.Combine(shots, "output.txt"), text); // kept with the screenshots (WP_KEEP_SCREENSHOTS)
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            // what the server holds now
            var approved = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { status member { id status branch { id } } } } }", new { id = approveId }, admin))["node"]!;
            approved["status"]!.GetValue<string>().ShouldBe("APPROVED");
            var newMemberId = approved["member"]!["id"]!.GetValue<string>();
            approved["member"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
            approved["member"]!["branch"]!["id"]!.GetValue<string>().ShouldBe(branchId);
            var rejected = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { status rejectionReason } } }", new { id = rejectId }, admin))["node"]!;
            rejected["status"]!.GetValue<string>().ShouldBe("REJECTED");
            rejected["rejectionReason"]!.GetValue<string>().ShouldBe("We could not reach them at the address they gave.");
            var suspended = MemberApi.Node(await MemberApi.MemberAsync(fixture, suspendId, admin, "status statusReason history(first: 3) { nodes { summary } }"));
            suspended["status"]!.GetValue<string>().ShouldBe("ACTIVE");
            suspended["statusReason"]!.GetValue<string>().ShouldBe("Apologised to the branch meeting.");
            var moved = MemberApi.Node(await MemberApi.MemberAsync(fixture, moveId, admin, "branch { name } history(first: 1) { nodes { summary } }"));
            moved["branch"]!["name"]!.GetValue<string>().ShouldBe(otherBranchName);
            moved["history"]!["nodes"]![0]!["summary"]!.GetValue<string>().ShouldBe("Moved to another branch: Moved to Leeds for work");
            var reach = (await fixture.Client.DataAsync("query($segment: MessageSegmentInput!) { messageRecipientCount(segment: $segment) }", new { segment = new { branchId } }, admin))["messageRecipientCount"]!.GetValue<int>();
            reach.ShouldBeGreaterThan(3);
            var sent = (await fixture.Client.DataAsync("{ organiserMessages(first: 1) { nodes { subject body recipientCount segment } } }", token: organiser.Token))["organiserMessages"]!["nodes"]![0]!;
            sent["subject"]!.GetValue<string>().ShouldBe("Branch meeting on Thursday");
            sent["body"]!.GetValue<string>().ShouldBe("We meet on Thursday at 7pm at the community centre.\nBring a friend.");
            sent["recipientCount"]!.GetValue<int>().ShouldBe(reach);
            var segment = sent["segment"]!.GetValue<string>();

            // what the organiser saw
            Line("SIGNEDOUT").ShouldBe("SIGNEDOUT /sign-in?next=%2Forganise");
            Line("MENU wide").ShouldBe("MENU wide Home | Campaigns | Articles | Organise | Rosa | Sign out");
            Line("MENU phone").ShouldBe("MENU phone before=false after=true");
            Line("AREANAV").ShouldBe("AREANAV Applications | Members | Campaigns | Messages current=Applications");
            Line("APPLICATIONS").ShouldMatch(@"^APPLICATIONS Showing \d+ of \d+ applications waiting\. \| approve=true reject=true$");
            Line("FILTER").ShouldBe("FILTER /organise?status=REJECTED | No rejected applications.");
            Line("APPLICATION").ShouldStartWith($"APPLICATION /organise/applications/{Uri.EscapeDataString(approveId)} | Application from {Name(approveName)} | ");
            Line("APPLICATION").ShouldContain($"Email {approveEmail} Phone +44 20 7946 0000 Postcode E1 6AN Union Unite Workplace Depot Interests Rank-and-file union work, Palestine solidarity");
            Line("APPLICATION").ShouldEndWith($" Pledge £12.50 every month Branch chosen {branchName}");
            Line("APPROVEBRANCH").ShouldBe($"APPROVEBRANCH {branchName} (their choice)");
            Line("APPROVED").ShouldBe($"APPROVED {Name(approveName)} is now a member of {branchName}. The invitation to set a password goes to their email. Once they set it, they can sign in and see their membership. Open {Name(approveName)}'s page");
            Line("MEMBERLINK").ShouldBe($"MEMBERLINK /organise/members/{Uri.EscapeDataString(newMemberId)}");
            Line("REJECTERROR").ShouldBe("REJECTERROR Please give a reason: it is kept with the record. describedby=reject-reason-hint reject-reason-error");
            Line("REJECTED").ShouldStartWith("REJECTED Rejected on ");
            Line("REJECTED").ShouldEndWith("The reason kept with it: We could not reach them at the address they gave.");
            Line("SEARCH").ShouldBe($"SEARCH /organise/members | Showing 1 of 1 member. | {suspendName.Item2}, {suspendName.Item1} Active 0 {branchName}");
            Line("STANDINGFILTER").ShouldBe("STANDINGFILTER /organise/members?status=SUSPENDED | No member matches.");
            Line("MEMBER").ShouldStartWith($"MEMBER {Name(suspendName)} | Active · {branchName} · member since ");
            Line("SUSPENDED").ShouldStartWith($"SUSPENDED {Name(suspendName)} is suspended. The reason is in their history. | Suspended | ");
            Line("SUSPENDED").ShouldContain("Crossed the picket line on 3 March.");
            Line("REINSTATED").ShouldStartWith($"REINSTATED {Name(suspendName)} is reinstated and active again. The reason is in their history. | Active | ");
            Line("REINSTATED").ShouldContain("Apologised to the branch meeting.");
            Line("HISTORY").ShouldBe("HISTORY 10 14 | Showing 14 of 14 changes, newest first.");
            Line("MOVED").ShouldBe($"MOVED {Name(moveName)} | {Name(moveName)} now belongs to {otherBranchName}. | Active · {otherBranchName} · member since {Line("MOVED").Split(" member since ")[1]}");
            Line("PREVIEW").ShouldBe($"PREVIEW This message will reach {reach} members who accept email. | Send to {reach} members");
            Line("SENT").ShouldBe($"SENT Sent to {reach} members: {segment}. The mails go out over the next few minutes. | Branch meeting on Thursday | {Line("SENT").Split(" | ")[2]}");
            Line("SENT").Split(" | ")[2].ShouldEndWith($" · {segment} · reached {reach} members");

            // the actions on each screen: only mutations the matrix gives organisers
            var matrix = await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "tests", "WorkersPower.Host.Tests", "authorization-matrix.txt"));
            var offered = lines.Where(l => l.StartsWith("MUTATIONS ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ').Skip(2)).Where(m => m != "none").Distinct().ToArray();
            offered.ShouldBe(["approveMembershipApplication", "rejectMembershipApplication", "suspendMember", "sendMessageToMembers"], ignoreOrder: true);
            foreach (var mutation in offered)
                matrix.ShouldContain(l => l.StartsWith($"mutation {mutation}: ", StringComparison.Ordinal) && l.Split(' ').Contains("ORGANISER"), mutation);
            Line("MUTATIONS applications").ShouldBe("MUTATIONS applications none");
            Line("MUTATIONS members").ShouldBe("MUTATIONS members none");

            // a member and a treasurer: the console is closed and offers nothing
            foreach (var role in new[] { "member", "treasurer" })
                Line($"DENIED {role}").ShouldBe($"DENIED {role} | Organise | This part is for organisers. Your account does not hold that role; if you think it should, ask an admin. | mutations=0 organise-in-menu=false");

            // an admin sees every branch's members and acts on them
            Line("ADMIN").ShouldBe($"ADMIN {moveName.Item2}, {moveName.Item1} Active 0 {otherBranchName} | Suspend… | Move to another branch…");

            foreach (var screen in Screens.Append("denied"))
                Line($"AXE {screen}").ShouldBe($"AXE {screen} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var screen in Screens.Append("denied"))
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"organise-{screen}-{size}.png")).Length.ShouldBeGreaterThan(10_000);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
            else Console.WriteLine("Screenshots kept in " + shots);
        }
    }

    private static string Name((string Given, string Family) name) => $"{name.Given} {name.Family}";

    private static string Letters(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    /// <summary>An application for the branch, with a name of its own: its id and email.</summary>
    private async Task<(string Id, string Email)> ApplyAsync(string branchId, (string Given, string Family) name)
    {
        var email = MembershipApi.UniqueEmail("organise");
        var application = MembershipApi.Application(email, name.Given, name.Family);
        application["branchId"] = branchId;
        var response = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = application });
        response.UserErrors("applyForMembership").ShouldBeEmpty(response.Body);
        return (response["applyForMembership.application.id"]!.GetValue<string>(), email);
    }

    /// <summary>A member of the branch with a name of its own (approved by an admin; no account activated): their id.</summary>
    private async Task<string> MemberOfAsync(string admin, string branchId, (string Given, string Family) name)
    {
        var (applicationId, _) = await ApplyAsync(branchId, name);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId } }, admin);
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        return approved["approveMembershipApplication.member.id"]!.GetValue<string>();
    }
}
