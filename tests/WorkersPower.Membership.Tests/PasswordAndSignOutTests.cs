using System.Net;
using System.Security.Claims;
using System.Text;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>changePassword and signOut revoke tokens; tokens carry no personal data. All through HTTP.</summary>
public sealed class PasswordAndSignOutTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Change = "mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken member { id } errors { code message field } } }";
    private const string SignOut = "mutation { signOut(input: {}) { signedOutAt errors { code } } }";
    private const string Viewer = "{ viewer { email } }";

    private async Task<string> SignInAsync(string email, string password)
    {
        var response = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password } });
        response.UserErrors("signIn").ShouldBeEmpty(response.Body);
        return response["signIn.accessToken"]!.GetValue<string>();
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token) => (await fixture.Client.PostAsync(Viewer, null, token)).Status;

    [Fact]
    public async Task Changing_the_password_revokes_every_other_token_and_returns_a_fresh_one()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var other = await SignInAsync(member.Email, MemberApi.Password);

        var wrong = await fixture.Client.PostAsync(Change, new { input = new { currentPassword = "not the password at all", newPassword = "a brand new passphrase" } }, member.Token);
        wrong.UserErrors("changePassword").Single().ShouldBe(("INVALID_CREDENTIALS", "The current password is not right.", "input.currentPassword"), wrong.Body);
        var weak = await fixture.Client.PostAsync(Change, new { input = new { currentPassword = MemberApi.Password, newPassword = "short" } }, member.Token);
        weak.UserErrors("changePassword").Single().Code.ShouldBe("VALIDATION");
        (await StatusWithAsync(other)).ShouldBe(HttpStatusCode.OK); // nothing changed yet

        var changed = await fixture.Client.PostAsync(Change, new { input = new { currentPassword = MemberApi.Password, newPassword = "a brand new passphrase" } }, member.Token);
        changed.UserErrors("changePassword").ShouldBeEmpty(changed.Body);
        var fresh = changed["changePassword.accessToken"]!.GetValue<string>();
        changed["changePassword.member.id"]!.GetValue<string>().ShouldBe(member.MemberId);

        (await StatusWithAsync(member.Token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusWithAsync(other)).ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Client.DataAsync(Viewer, null, fresh))["viewer"]!["email"]!.GetValue<string>().ShouldBe(member.Email);
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } }))
            .UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        await SignInAsync(member.Email, "a brand new passphrase");
        (await fixture.Client.PostAsync(Change, new { input = new { currentPassword = "x", newPassword = "another new passphrase" } })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task Signing_out_revokes_every_token_issued_until_then_and_later_sign_ins_work()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var second = await SignInAsync(member.Email, MemberApi.Password);
        var warm = await StatusWithAsync(second); // an answer now in the 5-second cache
        warm.ShouldBe(HttpStatusCode.OK);

        var response = await fixture.Client.PostAsync(SignOut, null, member.Token);
        response.UserErrors("signOut").ShouldBeEmpty(response.Body);
        response["signOut.signedOutAt"].ShouldNotBeNull();
        (await StatusWithAsync(member.Token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await StatusWithAsync(second)).ShouldBe(HttpStatusCode.Unauthorized);

        var after = await SignInAsync(member.Email, MemberApi.Password);
        (await fixture.Client.DataAsync(Viewer, null, after))["viewer"]!["email"]!.GetValue<string>().ShouldBe(member.Email);
    }

    [Fact]
    public async Task Tokens_carry_no_email_or_name_and_tokens_issued_before_still_work_until_they_expire()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(member.Token.Split('.')[1]));
        payload.ShouldNotContain("email");
        payload.ShouldNotContain(member.Email.Split('@')[0]);
        payload.ShouldNotContain("Rosa", Case.Sensitive);
        payload.ShouldNotContain("Worker", Case.Sensitive);

        // a token of the old form (email inside, no token version), as tokens issued before this change are
        var memberId = GlobalId.TryDecode(member.MemberId, "Member")!.Value;
        var old = Tokens.Make([new Claim("sub", memberId.ToString()), new Claim("member_id", memberId.ToString()), new Claim("role", "MEMBER"), new Claim("email", member.Email)]);
        (await fixture.Client.DataAsync(Viewer, null, old))["viewer"]!["email"]!.GetValue<string>().ShouldBe(member.Email);
    }

    private static byte[] Base64UrlDecode(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
