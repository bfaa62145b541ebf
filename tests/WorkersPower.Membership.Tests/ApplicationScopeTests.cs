using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class ApplicationScopeFixture : MembershipFixture;

/// <summary>
/// Applicants choose a branch; organisers see and decide the applications of their branch (and pending ones
/// without a branch) only; every read of an application's personal fields is recorded.
/// </summary>
public sealed class ApplicationScopeTests(ApplicationScopeFixture fixture) : IClassFixture<ApplicationScopeFixture>
{
    private const string Apply = """
        mutation($input: ApplyForMembershipInput!) {
          applyForMembership(input: $input) { application { id status email branch { id } } errors { code message field } }
        }
        """;

    private const string List = "query($first: Int) { membershipApplications(first: $first) { totalCount nodes { id status } } }";

    private const string NodeEmail = "query($id: ID!) { node(id: $id) { ... on MembershipApplication { id email } } }";

    private const string Reads = """
        query($application: ID, $member: ID) {
          personalDataReads(applicationId: $application, memberId: $member, first: 20) { totalCount nodes { subject applicationId memberId readerRoles } }
        }
        """;

    private async Task<string> ApplyAsync(string? branchId)
    {
        var input = MembershipApi.Application(MembershipApi.UniqueEmail());
        if (branchId is not null) input["branchId"] = branchId;
        var response = await fixture.Client.PostAsync(Apply, new { input });
        response.UserErrors("applyForMembership").ShouldBeEmpty(response.Body);
        return response["applyForMembership.application.id"]!.GetValue<string>();
    }

    private async Task<IReadOnlyList<string>> ListedAsync(string token)
    {
        var data = await fixture.Client.DataAsync(List, new { first = 100 }, token);
        data["membershipApplications"]!["totalCount"]!.GetValue<int>().ShouldBeLessThanOrEqualTo(100);
        return data["membershipApplications"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
    }

    private async Task<JsonNode> ReadsAsync(string? applicationId = null, string? memberId = null) =>
        (await fixture.Client.DataAsync(Reads, new { application = applicationId, member = memberId }, await fixture.AdminTokenAsync()))["personalDataReads"]!;

    [Fact]
    public async Task An_applicant_chooses_a_branch_and_an_unknown_one_is_refused()
    {
        var branch = await fixture.BranchAsync();
        var input = MembershipApi.Application(MembershipApi.UniqueEmail());
        input["branchId"] = branch;
        var chosen = await fixture.Client.PostAsync(Apply, new { input });
        chosen.UserErrors("applyForMembership").ShouldBeEmpty(chosen.Body);
        chosen["applyForMembership.application.branch.id"]!.GetValue<string>().ShouldBe(branch);
        chosen["applyForMembership.application.email"]!.GetValue<string>().ShouldBe(input["email"]);

        foreach (var unknown in new[] { Platform.GlobalId.Encode("Branch", Guid.NewGuid()), "garbage" })
        {
            var refused = MembershipApi.Application(MembershipApi.UniqueEmail());
            refused["branchId"] = unknown;
            var response = await fixture.Client.PostAsync(Apply, new { input = refused });
            var error = response.UserErrors("applyForMembership").Single();
            error.Code.ShouldBe("NOT_FOUND");
            error.Field.ShouldBe("input.branchId");
            response["applyForMembership.application"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task An_organiser_sees_pending_applications_of_their_branch_and_without_one_and_decided_ones_of_their_branch()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiserOfA = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var organiserOfB = await MemberApi.JoinAsync(fixture, b, "ORGANISER");
        var pendingA = await ApplyAsync(a);
        var pendingB = await ApplyAsync(b);
        var pendingNone = await ApplyAsync(null);
        var approvedA = await ApplyAsync(null);
        await MembershipApi.ApproveAsync(fixture.Client, admin, approvedA, a);
        var approvedB = await ApplyAsync(a); // chosen A, approved by an admin into B: B's now
        await MembershipApi.ApproveAsync(fixture.Client, admin, approvedB, b);
        var rejectedByA = await ApplyAsync(null); // no branch chosen: the rejecting organiser's branch's
        (await fixture.Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = rejectedByA, reason = "Not now" } }, organiserOfA.Token))
            .UserErrors("rejectMembershipApplication").ShouldBeEmpty();

        var seenByA = await ListedAsync(organiserOfA.Token);
        seenByA.ShouldContain(pendingA);
        seenByA.ShouldContain(pendingNone);
        seenByA.ShouldContain(approvedA);
        seenByA.ShouldContain(rejectedByA);
        seenByA.ShouldNotContain(pendingB);
        seenByA.ShouldNotContain(approvedB);

        var seenByB = await ListedAsync(organiserOfB.Token);
        seenByB.ShouldContain(pendingB);
        seenByB.ShouldContain(pendingNone);
        seenByB.ShouldContain(approvedB);
        seenByB.ShouldNotContain(pendingA);
        seenByB.ShouldNotContain(approvedA);
        seenByB.ShouldNotContain(rejectedByA);

        var seenByAdmin = await ListedAsync(admin);
        foreach (var id in new[] { pendingA, pendingB, pendingNone, approvedA, approvedB, rejectedByA }) seenByAdmin.ShouldContain(id);

        // node(id:) follows the same rule
        (await fixture.Client.DataAsync(NodeEmail, new { id = pendingB }, organiserOfA.Token))["node"].ShouldBeNull();
        (await fixture.Client.DataAsync(NodeEmail, new { id = approvedB }, organiserOfA.Token))["node"].ShouldBeNull();
        (await fixture.Client.DataAsync(NodeEmail, new { id = pendingA }, organiserOfA.Token))["node"]!["email"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_organiser_decides_only_applications_they_see_and_approves_only_into_their_own_branch()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiserOfA = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var withoutBranch = await ApplyAsync(null);
        var forB = await ApplyAsync(b);

        var intoB = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = withoutBranch, branchId = b } }, organiserOfA.Token);
        intoB.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var othersIntoA = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = forB, branchId = a } }, organiserOfA.Token);
        othersIntoA.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var rejectOthers = await fixture.Client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = forB, reason = "No" } }, organiserOfA.Token);
        rejectOthers.ErrorCodes.ShouldBe(["FORBIDDEN"]);

        var (memberId, _) = await MembershipApi.ApproveAsync(fixture.Client, organiserOfA.Token, withoutBranch, a);
        var member = await MemberApi.MemberAsync(fixture, memberId, admin, "branch { id }");
        MemberApi.Node(member)["branch"]!["id"]!.GetValue<string>().ShouldBe(a);
        await MembershipApi.ApproveAsync(fixture.Client, admin, forB, a); // admins approve anything into any branch
    }

    [Fact]
    public async Task Reads_of_an_application_are_recorded_once_per_request_and_the_applicant_reply_is_not()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var pending = await ApplyAsync(a);
        (await ReadsAsync(pending))["totalCount"]!.GetValue<int>().ShouldBe(0); // the applicant's own reply is no one else's read

        // names and status alone are not personal
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { givenName familyName status } } }", new { id = pending }, organiser.Token);
        (await ReadsAsync(pending))["totalCount"]!.GetValue<int>().ShouldBe(0);

        // the list and node(id:) in one request, several personal fields: one record
        await fixture.Client.DataAsync(
            "query($id: ID!) { membershipApplications(first: 100) { nodes { id email phone interests message } } node(id: $id) { ... on MembershipApplication { postcode union } } }",
            new { id = pending }, organiser.Token);
        var reads = await ReadsAsync(pending);
        reads["totalCount"]!.GetValue<int>().ShouldBe(1);
        reads["nodes"]![0]!["subject"]!.GetValue<string>().ShouldBe("APPLICATION");
        reads["nodes"]![0]!["applicationId"]!.GetValue<string>().ShouldBe(pending);
        reads["nodes"]![0]!["memberId"].ShouldBeNull();
        MembershipApi.Strings(reads["nodes"]![0]!["readerRoles"]).ShouldContain("ORGANISER");

        // once approved, a read of the application is a read of the member's data
        var (memberId, _) = await MembershipApi.ApproveAsync(fixture.Client, admin, pending, a);
        var before = (await ReadsAsync(memberId: memberId))["totalCount"]!.GetValue<int>();
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { workplace } } }", new { id = pending }, organiser.Token);
        var afterApproval = await ReadsAsync(memberId: memberId);
        afterApproval["totalCount"]!.GetValue<int>().ShouldBe(before + 1);
        afterApproval["nodes"]![0]!["subject"]!.GetValue<string>().ShouldBe("MEMBER");
        (await ReadsAsync(pending))["totalCount"]!.GetValue<int>().ShouldBe(1);
    }
}
