using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Nobody learns from an answer whether an email belongs to a member (or has applied already).</summary>
public sealed class EnumerationTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Apply = """
        mutation($input: ApplyForMembershipInput!) {
          applyForMembership(input: $input) { application { id status email givenName submittedAt decidedAt } errors { code message field } }
        }
        """;

    private async Task<int> PendingCountAsync() =>
        (await fixture.Client.DataAsync(MembershipApi.Applications, new { status = "PENDING", first = 0 }, await fixture.AdminTokenAsync()))["membershipApplications"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task Applying_with_a_members_email_is_answered_like_any_application_and_stores_nothing()
    {
        var admin = await fixture.AdminTokenAsync();
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var stranger = MembershipApi.UniqueEmail();
        var before = await PendingCountAsync();

        var asMember = await fixture.Client.PostAsync(Apply, new { input = MembershipApi.Application(member.Email) });
        var asStranger = await fixture.Client.PostAsync(Apply, new { input = MembershipApi.Application(stranger) });
        foreach (var (response, email) in new[] { (asMember, member.Email), (asStranger, stranger) })
        {
            response.UserErrors("applyForMembership").ShouldBeEmpty(response.Body);
            response["applyForMembership.application.status"]!.GetValue<string>().ShouldBe("PENDING");
            response["applyForMembership.application.email"]!.GetValue<string>().ShouldBe(email);
            response["applyForMembership.application.decidedAt"].ShouldBeNull();
        }
        (await PendingCountAsync()).ShouldBe(before + 1); // only the stranger's is stored

        // the member's echo is listed nowhere and reached by no one
        var id = asMember["applyForMembership.application.id"]!.GetValue<string>();
        (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, admin))["node"].ShouldBeNull();

        // applying again: the same answer for both (an application already waiting is not announced either)
        var again = await fixture.Client.PostAsync(Apply, new { input = MembershipApi.Application(member.Email) });
        var strangerAgain = await fixture.Client.PostAsync(Apply, new { input = MembershipApi.Application(stranger.ToUpperInvariant()) });
        again.UserErrors("applyForMembership").ShouldBeEmpty();
        strangerAgain.UserErrors("applyForMembership").ShouldBeEmpty();
        strangerAgain["applyForMembership.application.status"]!.GetValue<string>().ShouldBe("PENDING");
        (await PendingCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_new_email_in_use_or_not_waits_for_confirmation_and_the_current_one_stays_in_force()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var other = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        const string Selection = "member { email pendingEmail } message";

        var taken = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = other.Email.ToUpperInvariant() }, member.Token, Selection);
        var fresh = MembershipApi.UniqueEmail("new");
        var free = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = fresh }, other.Token, Selection);
        foreach (var (response, person) in new[] { (taken, member), (free, other) })
        {
            response.UserErrors("updateMyProfile").ShouldBeEmpty(response.Body);
            response["updateMyProfile.member.email"]!.GetValue<string>().ShouldBe(person.Email);
            response["updateMyProfile.message"]!.GetValue<string>().ShouldContain("pending");
        }
        taken["updateMyProfile.member.pendingEmail"]!.GetValue<string>().ShouldBe(other.Email.ToUpperInvariant());
        free["updateMyProfile.member.pendingEmail"]!.GetValue<string>().ShouldBe(fresh);

        // the current email still signs in; the pending one does not
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = other.Email, password = MemberApi.Password } })).UserErrors("signIn").ShouldBeEmpty();
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = fresh, password = MemberApi.Password } })).UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");

        // only the member reads their pending email
        var byOrganiser = MemberApi.Node(await MemberApi.MemberAsync(fixture, other.MemberId, organiser.Token, "email pendingEmail"));
        byOrganiser["email"]!.GetValue<string>().ShouldBe(other.Email);
        byOrganiser["pendingEmail"].ShouldBeNull();

        // the current address withdraws the request
        var withdrawn = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = other.Email }, other.Token, Selection);
        withdrawn.UserErrors("updateMyProfile").ShouldBeEmpty();
        withdrawn["updateMyProfile.member.pendingEmail"].ShouldBeNull();
        withdrawn["updateMyProfile.message"].ShouldBeNull();
    }
}
