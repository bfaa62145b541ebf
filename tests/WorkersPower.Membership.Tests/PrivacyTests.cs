using System.Security.Claims;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Who reads a member's personal data, on every path, and the record of each read.</summary>
[StartsFirst]
public sealed class PrivacyTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Personal = "email phone postcode union workplace interests history(first: 1) { totalCount } contribution { amount } monthsInArrears";

    [Fact]
    public async Task Personal_fields_are_readable_by_the_member_their_organiser_and_admins()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, a);
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");

        foreach (var token in new[] { member.Token, organiser.Token, admin })
        {
            var node = MemberApi.Node(await MemberApi.MemberAsync(fixture, member.MemberId, token, Personal));
            node["email"]!.GetValue<string>().ShouldBe(member.Email);
            node["postcode"]!.GetValue<string>().ShouldBe("E1 6AN");
            node["history"]!["totalCount"]!.GetValue<int>().ShouldBeGreaterThan(0);
            node["contribution"]!["amount"]!.GetValue<string>().ShouldBe("12.50");
        }
    }

    [Fact]
    public async Task A_treasurer_sees_contributions_but_not_personal_fields()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, a);
        var treasurer = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "TREASURER");
        var node = MemberApi.Node(await MemberApi.MemberAsync(fixture, member.MemberId, treasurer.Token, "givenName " + Personal));
        node["givenName"]!.GetValue<string>().ShouldBe("Rosa");
        node["email"].ShouldBeNull();
        node["phone"].ShouldBeNull();
        node["postcode"].ShouldBeNull();
        node["union"].ShouldBeNull();
        node["interests"].ShouldBeNull();
        node["history"].ShouldBeNull();
        node["contribution"]!["amount"]!.GetValue<string>().ShouldBe("12.50");
        node["monthsInArrears"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Other_members_and_anonymous_callers_reach_nothing_on_any_path()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, a);
        var other = await MemberApi.JoinAsync(fixture, a);
        (await MemberApi.MemberAsync(fixture, member.MemberId, other.Token, Personal)).Data!["node"].ShouldBeNull();
        var anonymous = await fixture.Client.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { member.MemberId } });
        anonymous.ShouldSucceed();
        anonymous.Data!["nodes"]![0].ShouldBeNull();
        (await fixture.Client.PostAsync("{ members { totalCount } }", token: other.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync("{ members { totalCount } }")).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task An_organiser_of_another_branch_reaches_neither_the_application_nor_the_member()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiserOfB = await MemberApi.JoinAsync(fixture, b, "ORGANISER");
        var applicationId = await MembershipApi.ApplyAsync(fixture.Client, MembershipApi.UniqueEmail());
        await MembershipApi.ApproveAsync(fixture.Client, admin, applicationId, a);
        var data = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on MembershipApplication { email member { email } } } }", new { id = applicationId }, organiserOfB.Token);
        data["node"].ShouldBeNull(); // an application approved into another branch is that branch's
    }

    [Fact]
    public async Task Reads_by_others_are_recorded_once_per_request_and_admins_list_them()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, a);
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 10) { totalCount nodes { readerRoles readAt memberId reader { id } } } }";

        // (the admin's approval, which read the new member's email, is on record already)
        var before = (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>();
        await MemberApi.MemberAsync(fixture, member.MemberId, member.Token, Personal); // the member's own reads are not recorded
        (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>().ShouldBe(before);

        await MemberApi.MemberAsync(fixture, member.MemberId, organiser.Token, Personal);
        var reads = (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, admin))["personalDataReads"]!;
        reads["totalCount"]!.GetValue<int>().ShouldBe(before + 1);
        reads["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(organiser.MemberId);
        MembershipApi.Strings(reads["nodes"]![0]!["readerRoles"]).ShouldContain("ORGANISER");

        // a page of members with emails: one record per member read
        var page = await fixture.Client.DataAsync("{ members(first: 50) { nodes { id email } } }", token: organiser.Token);
        var listed = page["members"]!["nodes"]!.AsArray().Count(n => n!["id"]!.GetValue<string>() != organiser.MemberId);
        var all = (await fixture.Client.DataAsync(Reads, new { id = (string?)null }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>();
        all.ShouldBeGreaterThanOrEqualTo(1 + listed);

        var organiserList = await fixture.Client.PostAsync(Reads, new { id = (string?)null }, organiser.Token);
        organiserList.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Names_without_personal_fields_are_not_recorded()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, a);
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        const string Count = "query($id: ID) { personalDataReads(memberId: $id) { totalCount } }";
        var before = (await fixture.Client.DataAsync(Count, new { id = member.MemberId }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>();
        await MemberApi.MemberAsync(fixture, member.MemberId, organiser.Token, "givenName familyName status");
        var reads = await fixture.Client.DataAsync(Count, new { id = member.MemberId }, admin);
        reads["personalDataReads"]!["totalCount"]!.GetValue<int>().ShouldBe(before);
    }

    [Fact]
    public async Task Tokens_stop_working_when_the_member_is_suspended_or_the_role_is_revoked()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        (await fixture.Client.PostAsync("{ members { totalCount } }", token: organiser.Token)).ShouldSucceed();
        await MemberApi.MutateAsync(fixture, "revokeRole", "RoleChangeInput", new { memberId = organiser.MemberId, role = "ORGANISER" }, admin, "member { id }");
        await Task.Delay(Accounts.AccountTokenCheck.CacheFor + TimeSpan.FromMilliseconds(200));
        (await fixture.Client.PostAsync("{ members { totalCount } }", token: organiser.Token)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);

        var member = await MemberApi.JoinAsync(fixture, branch);
        (await fixture.Client.PostAsync("{ me { id } }", token: member.Token)).ShouldSucceed();
        await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = member.MemberId, reason = "Test" }, admin);
        await Task.Delay(Accounts.AccountTokenCheck.CacheFor + TimeSpan.FromMilliseconds(200));
        (await fixture.Client.PostAsync("{ me { id } }", token: member.Token)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } });
        var refused = signIn.UserErrors("signIn").Single();
        refused.Code.ShouldBe("INVALID_STATE");
        refused.Message.ShouldContain("suspended");
    }
}
