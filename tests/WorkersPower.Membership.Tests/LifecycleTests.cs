using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Standing, branches and roles: every transition with who and why, and every refusal.</summary>
public sealed class LifecycleTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private async Task<(string BranchA, string BranchB)> BranchesAsync()
    {
        var admin = await fixture.AdminTokenAsync();
        return (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
    }

    [Fact]
    public async Task A_member_resigns_and_the_history_says_why()
    {
        var (a, _) = await BranchesAsync();
        var member = await MemberApi.JoinAsync(fixture, a);
        var response = await MemberApi.MutateAsync(fixture, "resignMembership", "ResignMembershipInput", new { reason = "Moving abroad" }, member.Token);
        response.UserErrors("resignMembership").ShouldBeEmpty();
        response["resignMembership.member.status"]!.GetValue<string>().ShouldBe("RESIGNED");
        response["resignMembership.member.statusReason"]!.GetValue<string>().ShouldBe("Moving abroad");
        // the resigned member's token stops working (within a few seconds); until then a second resignation is refused
        var again = await MemberApi.MutateAsync(fixture, "resignMembership", "ResignMembershipInput", new { reason = (string?)null }, member.Token);
        if (again.Errors is null) again.UserErrors("resignMembership").Single().Code.ShouldBe("INVALID_STATE");
        else again.ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        var node = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { history(first: 1) { nodes { type summary } } } } }", new { id = member.MemberId }, await fixture.AdminTokenAsync());
        node["node"]!["history"]!["nodes"]![0]!["type"]!.GetValue<string>().ShouldBe("RESIGNED");
        node["node"]!["history"]!["nodes"]![0]!["summary"]!.GetValue<string>().ShouldContain("Moving abroad");
    }

    [Fact]
    public async Task An_organiser_suspends_and_reinstates_a_member_of_their_branch_with_reasons()
    {
        var (a, _) = await BranchesAsync();
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var member = await MemberApi.JoinAsync(fixture, a);
        var suspended = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = member.MemberId, reason = "Broke the code of conduct" }, organiser.Token);
        suspended.UserErrors("suspendMember").ShouldBeEmpty();
        suspended["suspendMember.member.status"]!.GetValue<string>().ShouldBe("SUSPENDED");

        var twice = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = member.MemberId, reason = "Again" }, organiser.Token);
        twice.UserErrors("suspendMember").Single().Code.ShouldBe("INVALID_STATE");
        var noReason = await MemberApi.MutateAsync(fixture, "reinstateMember", "ReinstateMemberInput", new { memberId = member.MemberId, reason = "  " }, organiser.Token);
        noReason.UserErrors("reinstateMember").Single().Field.ShouldBe("input.reason");

        var reinstated = await MemberApi.MutateAsync(fixture, "reinstateMember", "ReinstateMemberInput", new { memberId = member.MemberId, reason = "Apologised" }, organiser.Token);
        reinstated["reinstateMember.member.status"]!.GetValue<string>().ShouldBe("ACTIVE");

        var history = await fixture.Client.DataAsync("{ me { history(first: 2) { nodes { type summary } } } }", token: member.Token);
        history["me"]!["history"]!["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["REINSTATED", "SUSPENDED"]);
    }

    [Fact]
    public async Task An_organiser_cannot_read_or_change_members_of_another_branch()
    {
        var (a, b) = await BranchesAsync();
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var other = await MemberApi.JoinAsync(fixture, b);

        (await MemberApi.MemberAsync(fixture, other.MemberId, organiser.Token)).Data!["node"].ShouldBeNull();
        var suspend = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = other.MemberId, reason = "No" }, organiser.Token);
        suspend.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var transfer = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = other.MemberId, branchId = a }, organiser.Token);
        transfer.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var list = await fixture.Client.PostAsync("query($b: ID) { members(filter: { branchId: $b }) { totalCount } }", new { b }, organiser.Token);
        list.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var status = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { status } } }", new { id = other.MemberId }, await fixture.AdminTokenAsync());
        status["node"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task Plain_members_cannot_suspend_anyone()
    {
        var (a, _) = await BranchesAsync();
        var member = await MemberApi.JoinAsync(fixture, a);
        var other = await MemberApi.JoinAsync(fixture, a);
        var response = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = other.MemberId, reason = "No" }, member.Token);
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await MemberApi.MemberAsync(fixture, other.MemberId, member.Token)).Data!["node"].ShouldBeNull();
    }

    [Fact]
    public async Task An_organiser_of_both_branches_transfers_a_member_from_one_to_the_other()
    {
        var (a, b) = await BranchesAsync();
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var member = await MemberApi.JoinAsync(fixture, a);
        (await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = member.MemberId, branchId = b }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var onB = await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", new { memberId = organiser.MemberId, role = "ORGANISER", branchId = b },
            await fixture.AdminTokenAsync(), "grant { id }");
        var grantOnB = onB["grantRole.grant.id"]!.GetValue<string>();
        var moved = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = member.MemberId, branchId = b, reason = "Moved to Leeds for work" }, organiser.Token);
        moved.UserErrors("transferMember").ShouldBeEmpty();
        moved["transferMember.member.branch.id"]!.GetValue<string>().ShouldBe(b);
        var history = await MemberApi.MemberAsync(fixture, member.MemberId, await fixture.AdminTokenAsync(), "history(first: 1) { nodes { type summary } }");
        history.Data!["node"]!["history"]!["nodes"]![0]!["summary"]!.GetValue<string>().ShouldBe("Moved to another branch: Moved to Leeds for work");
        var same = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = member.MemberId, branchId = b }, await fixture.AdminTokenAsync());
        same.UserErrors("transferMember").Single().Code.ShouldBe("INVALID_STATE");
        var unknown = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput",
            new { memberId = member.MemberId, branchId = Platform.GlobalId.Encode("Branch", Guid.NewGuid()) }, await fixture.AdminTokenAsync());
        unknown.UserErrors("transferMember").Single().Code.ShouldBe("NOT_FOUND");
        // now in b: once the grant on b is revoked, the organiser of a no longer reaches them
        (await MemberApi.MutateAsync(fixture, "revokeGrant", "RevokeGrantInput", new { grantId = grantOnB, reason = "Back to one branch" }, await fixture.AdminTokenAsync(), "grant { id }"))
            .UserErrors("revokeGrant").ShouldBeEmpty();
        (await MemberApi.MemberAsync(fixture, member.MemberId, organiser.Token)).Data!["node"].ShouldBeNull();
    }

    [Fact]
    public async Task Roles_are_granted_and_revoked_by_admins_and_take_effect_from_the_next_request()
    {
        var (a, _) = await BranchesAsync();
        var member = await MemberApi.JoinAsync(fixture, a);
        var admin = await fixture.AdminTokenAsync();
        var grant = await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", new { memberId = member.MemberId, role = "TREASURER" }, admin, "member { roles }");
        MembershipApi.Strings(grant["grantRole.member.roles"]).ShouldBe(["MEMBER", "TREASURER"], ignoreOrder: true);
        // the token issued before the grant claims only MEMBER, but the grant holds from the next request (on this node at once)
        (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: member.Token)).ShouldSucceed();
        var fresh = await fixture.NewClient().PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } });
        var token = fresh["signIn.accessToken"]!.GetValue<string>();
        (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: token)).ShouldSucceed();

        var twice = await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", new { memberId = member.MemberId, role = "TREASURER" }, admin, "member { roles }");
        twice.UserErrors("grantRole").Single().Code.ShouldBe("INVALID_STATE");
        var revoke = await MemberApi.MutateAsync(fixture, "revokeRole", "RoleChangeInput", new { memberId = member.MemberId, role = "TREASURER" }, admin, "member { roles }");
        MembershipApi.Strings(revoke["revokeRole.member.roles"]).ShouldBe(["MEMBER"]);
        var baseRole = await MemberApi.MutateAsync(fixture, "revokeRole", "RoleChangeInput", new { memberId = member.MemberId, role = "MEMBER" }, admin, "member { roles }");
        baseRole.UserErrors("revokeRole").Single().Code.ShouldBe("INVALID_STATE");

        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        (await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", new { memberId = organiser.MemberId, role = "ADMIN" }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Branches_are_renamed_by_admins_and_names_stay_unique()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, _) = await BranchesAsync();
        await MembershipApi.CreateBranchAsync(fixture.Client, admin, "Taken Name");
        const string Rename = "mutation($input: RenameBranchInput!) { renameBranch(input: $input) { branch { name region } errors { code field } } }";
        var ok = await fixture.Client.PostAsync(Rename, new { input = new { branchId = a, name = "Hackney", region = "London" } }, admin);
        ok.UserErrors("renameBranch").ShouldBeEmpty();
        ok["renameBranch.branch.name"]!.GetValue<string>().ShouldBe("Hackney");
        var clash = await fixture.Client.PostAsync(Rename, new { input = new { branchId = a, name = "taken name" } }, admin);
        clash.UserErrors("renameBranch").Single().Code.ShouldBe("ALREADY_EXISTS");
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        (await fixture.Client.PostAsync(Rename, new { input = new { branchId = a, name = "Mine" } }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_resigned_member_rejoins_through_a_new_application_linked_to_the_old_record()
    {
        var (a, b) = await BranchesAsync();
        var member = await MemberApi.JoinAsync(fixture, a);
        await MemberApi.MutateAsync(fixture, "resignMembership", "ResignMembershipInput", new { reason = "Busy" }, member.Token);

        var applicationId = await MembershipApi.ApplyAsync(fixture.Client, member.Email);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId = b } }, await fixture.AdminTokenAsync());
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty();
        approved["approveMembershipApplication.member.id"]!.GetValue<string>().ShouldBe(member.MemberId);
        approved["approveMembershipApplication.invitationToken"].ShouldBeNull(); // the account was active: no new invitation
        approved["approveMembershipApplication.member.status"]!.GetValue<string>().ShouldBe("ACTIVE");

        var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } });
        var me = await fixture.Client.DataAsync("{ me { id status branch { id } history(first: 10) { totalCount nodes { type } } } }", token: signIn["signIn.accessToken"]!.GetValue<string>());
        me["me"]!["branch"]!["id"]!.GetValue<string>().ShouldBe(b);
        me["me"]!["history"]!["nodes"]![0]!["type"]!.GetValue<string>().ShouldBe("REJOINED");
        me["me"]!["history"]!["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldContain("RESIGNED");
    }

    [Fact]
    public async Task A_current_members_application_is_answered_as_received_but_not_stored()
    {
        var (a, _) = await BranchesAsync();
        var member = await MemberApi.JoinAsync(fixture, a);
        var admin = await fixture.AdminTokenAsync();
        const string Pending = "{ membershipApplications(status: PENDING, first: 0) { totalCount } }";
        var before = (await fixture.Client.DataAsync(Pending, token: admin))["membershipApplications"]!["totalCount"]!.GetValue<int>();
        var response = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(member.Email) });
        response.UserErrors("applyForMembership").ShouldBeEmpty();
        response["applyForMembership.application.status"]!.GetValue<string>().ShouldBe("PENDING");
        (await fixture.Client.DataAsync(Pending, token: admin))["membershipApplications"]!["totalCount"]!.GetValue<int>().ShouldBe(before);
    }
}
