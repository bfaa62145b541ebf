using Microsoft.IdentityModel.JsonWebTokens;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The join flow over HTTP with real JWTs: apply, approve, activate, sign in, me.</summary>
public sealed class JoinFlowTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private GraphQLClient Client => fixture.Client;

    [Fact]
    public async Task An_applicant_becomes_a_signed_in_member()
    {
        var admin = await fixture.AdminTokenAsync();
        var branchId = await MembershipApi.CreateBranchAsync(Client, admin, "Flow Branch");
        var email = MembershipApi.UniqueEmail("Rosa");

        var applied = await Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(email) });
        applied.UserErrors("applyForMembership").ShouldBeEmpty();
        applied["applyForMembership.application.status"]!.GetValue<string>().ShouldBe("PENDING");
        applied["applyForMembership.application.email"]!.GetValue<string>().ShouldBe(email); // as typed; matching ignores case
        var applicationId = applied["applyForMembership.application.id"]!.GetValue<string>();

        var approved = await Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId } }, admin);
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty();
        approved["approveMembershipApplication.member.status"]!.GetValue<string>().ShouldBe("ACTIVE");
        approved["approveMembershipApplication.member.branch.name"]!.GetValue<string>().ShouldBe("Flow Branch");
        var invitation = approved["approveMembershipApplication.invitationToken"]!.GetValue<string>();
        invitation.Length.ShouldBeGreaterThanOrEqualTo(32);

        var activated = await Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = "solidarity forever 1889" } });
        activated.UserErrors("activateAccount").ShouldBeEmpty();
        activated["activateAccount.accessToken"].ShouldNotBeNull();

        var signedIn = await Client.PostAsync(MembershipApi.SignIn, new { input = new { email = email.ToUpperInvariant(), password = "solidarity forever 1889" } });
        signedIn.UserErrors("signIn").ShouldBeEmpty();
        var token = signedIn["signIn.accessToken"]!.GetValue<string>();

        var me = await Client.DataAsync("""
            { me { id givenName familyName email phone status roles joinedOn union workplace interests
                   contribution { amount currency } contributionFrequency branch { id name }
                   history(first: 10) { totalCount nodes { type summary occurredAt } } } }
            """, token: token);
        me["me"]!["id"]!.GetValue<string>().ShouldBe(approved["approveMembershipApplication.member.id"]!.GetValue<string>());
        me["me"]!["givenName"]!.GetValue<string>().ShouldBe("Rosa");
        me["me"]!["email"]!.GetValue<string>().ShouldBe(email);
        me["me"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        MembershipApi.Strings(me["me"]!["roles"]).ShouldBe(["MEMBER"]);
        MembershipApi.Strings(me["me"]!["interests"]).ShouldBe(["rank-and-file", "palestine"]);
        me["me"]!["contribution"]!["amount"]!.GetValue<string>().ShouldBe("12.50");
        me["me"]!["contribution"]!["currency"]!.GetValue<string>().ShouldBe("GBP");
        me["me"]!["branch"]!["id"]!.GetValue<string>().ShouldBe(branchId);
        var history = me["me"]!["history"]!;
        history["totalCount"]!.GetValue<int>().ShouldBe(5);
        // the join form's consents (to contact, and email) are the member's first ledger entries
        history["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["ACCOUNT_ACTIVATED", "INVITATION_ISSUED", "CONSENT_GIVEN", "CONSENT_GIVEN", "JOINED"]);
    }

    [Fact]
    public async Task The_access_token_carries_issuer_audience_expiry_and_roles_and_no_email()
    {
        var (memberId, token, email) = await MembershipApi.JoinAsync(fixture, await fixture.BranchAsync());
        var jwt = new JsonWebToken(token);
        jwt.Issuer.ShouldBe(PlatformFixture.Issuer);
        jwt.Audiences.ShouldBe([PlatformFixture.Audience]);
        jwt.ValidTo.ShouldBeGreaterThan(DateTime.UtcNow.AddHours(7));
        jwt.ValidTo.ShouldBeLessThan(DateTime.UtcNow.AddHours(8.1));
        jwt.Alg.ShouldBe("HS256");
        jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["MEMBER"]);
        jwt.TryGetClaim("email", out _).ShouldBeFalse(); // personal data stays out of tokens: viewer.email reads the account
        GlobalId.Encode("Member", Guid.Parse(jwt.GetClaim("member_id").Value)).ShouldBe(memberId);
    }

    [Fact]
    public async Task Anonymous_me_is_null()
    {
        var data = await Client.DataAsync("{ me { id } viewer { email } }");
        data["me"].ShouldBeNull();
        data["viewer"].ShouldBeNull();
    }

    [Fact]
    public async Task The_bootstrap_admin_can_sign_in_as_admin()
    {
        var token = await fixture.AdminTokenAsync();
        var data = await Client.DataAsync("{ viewer { email roles member { id } } me { id } }", token: token);
        data["viewer"]!["email"]!.GetValue<string>().ShouldBe(PlatformFixture.AdminEmail);
        MembershipApi.Strings(data["viewer"]!["roles"]).ShouldBe(["ADMIN"]);
        data["viewer"]!["member"].ShouldBeNull();
        data["me"].ShouldBeNull();
    }

    [Fact]
    public async Task Approval_publishes_MemberJoined_through_the_outbox()
    {
        var branchId = await fixture.BranchAsync();
        var (memberId, _, _) = await MembershipApi.JoinAsync(fixture, branchId);
        var id = GlobalId.TryDecode(memberId, "Member")!.Value;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!MemberJoinedProbeHandler.Received.Any(m => m.MemberId == id) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var joined = MemberJoinedProbeHandler.Received.Single(m => m.MemberId == id);
        joined.BranchId.ShouldBe(GlobalId.TryDecode(branchId, "Branch")!.Value);
        joined.DisplayName.ShouldBe("Rosa Worker");
    }

    [Fact]
    public async Task Member_history_pages_newest_first_with_stable_cursors()
    {
        var (_, token, _) = await MembershipApi.JoinAsync(fixture, await fixture.BranchAsync());
        const string Query = "query($after: String) { me { history(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { type } } } }";
        var first = await Client.DataAsync(Query, new { after = (string?)null }, token);
        var page1 = first["me"]!["history"]!;
        page1["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["ACCOUNT_ACTIVATED", "INVITATION_ISSUED"]);
        page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        var second = await Client.DataAsync(Query, new { after = page1["pageInfo"]!["endCursor"]!.GetValue<string>() }, token);
        var page2 = second["me"]!["history"]!;
        page2["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["CONSENT_GIVEN", "CONSENT_GIVEN"]);
        page2["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        var third = await Client.DataAsync(Query, new { after = page2["pageInfo"]!["endCursor"]!.GetValue<string>() }, token);
        var page3 = third["me"]!["history"]!;
        page3["nodes"]!.AsArray().Select(n => n!["type"]!.GetValue<string>()).ShouldBe(["JOINED"]);
        page3["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
        page3["totalCount"]!.GetValue<int>().ShouldBe(5);
    }
}
