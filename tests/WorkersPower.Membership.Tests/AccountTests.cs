using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Activating an account with the invitation, signing in, and the refusals.</summary>
public sealed class AccountTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private GraphQLClient Client => fixture.Client;

    private async Task<(string Email, string Invitation)> ApprovedAsync()
    {
        var email = MembershipApi.UniqueEmail("account");
        var id = await MembershipApi.ApplyAsync(Client, email);
        var (_, invitation) = await MembershipApi.ApproveAsync(Client, await fixture.AdminTokenAsync(), id, await fixture.BranchAsync());
        return (email, invitation);
    }

    private Task<GraphQLResponse> ActivateAsync(string invitationToken, string password) =>
        Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken, password } });

    private Task<GraphQLResponse> SignInAsync(string email, string password) =>
        Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password } });

    [Fact]
    public async Task An_invitation_can_be_used_once()
    {
        var (_, invitation) = await ApprovedAsync();
        (await ActivateAsync(invitation, "first chosen passphrase")).UserErrors("activateAccount").ShouldBeEmpty();
        var again = await ActivateAsync(invitation, "second chosen passphrase");
        var error = again.UserErrors("activateAccount").Single();
        error.Code.ShouldBe("INVALID_TOKEN");
        again["activateAccount.accessToken"].ShouldBeNull();
    }

    [Fact]
    public async Task An_unknown_invitation_is_refused_with_the_same_answer()
    {
        var response = await ActivateAsync("this-token-was-never-issued-by-anyone-0000000000", "a good passphrase here");
        var error = response.UserErrors("activateAccount").Single();
        error.Code.ShouldBe("INVALID_TOKEN");
        error.Field.ShouldBe("input.invitationToken");
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("password123")]
    public async Task A_weak_password_is_refused_and_the_invitation_stays_usable(string password)
    {
        var (_, invitation) = await ApprovedAsync();
        var weak = await ActivateAsync(invitation, password);
        var error = weak.UserErrors("activateAccount").Single();
        error.Code.ShouldBe("VALIDATION");
        error.Field.ShouldBe("input.password");
        (await ActivateAsync(invitation, "a much better passphrase")).UserErrors("activateAccount").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_password_containing_the_email_is_refused()
    {
        var (email, invitation) = await ApprovedAsync();
        var response = await ActivateAsync(invitation, email.Split('@')[0] + "-2026!");
        response.UserErrors("activateAccount").Single().Field.ShouldBe("input.password");
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        var (email, invitation) = await ApprovedAsync();
        await ActivateAsync(invitation, "the right passphrase");

        var wrong = (await SignInAsync(email, "the wrong passphrase")).UserErrors("signIn").Single();
        var unknown = (await SignInAsync(MembershipApi.UniqueEmail("nobody"), "the wrong passphrase")).UserErrors("signIn").Single();
        wrong.Code.ShouldBe("INVALID_CREDENTIALS");
        unknown.ShouldBe(wrong);
    }

    [Fact]
    public async Task An_approved_member_cannot_sign_in_before_activating()
    {
        var (email, _) = await ApprovedAsync();
        var response = await SignInAsync(email, "any passphrase at all");
        response.UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_are_throttled_even_with_the_right_password()
    {
        var (email, invitation) = await ApprovedAsync();
        await ActivateAsync(invitation, "the right passphrase");
        for (var i = 0; i < 5; i++)
            (await SignInAsync(email, $"wrong guess number {i}")).UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        var throttled = (await SignInAsync(email, "the right passphrase")).UserErrors("signIn").Single();
        throttled.Code.ShouldBe("THROTTLED");
    }

    [Fact]
    public async Task Unknown_emails_are_throttled_too_so_throttling_reveals_nothing()
    {
        var email = MembershipApi.UniqueEmail("ghost");
        for (var i = 0; i < 5; i++) await SignInAsync(email, $"wrong guess number {i}");
        (await SignInAsync(email, "another guess here")).UserErrors("signIn").Single().Code.ShouldBe("THROTTLED");
    }

    [Fact]
    public async Task A_successful_sign_in_returns_a_token_that_works()
    {
        var (email, invitation) = await ApprovedAsync();
        await ActivateAsync(invitation, "the right passphrase");
        var response = await SignInAsync(email, "the right passphrase");
        response.UserErrors("signIn").ShouldBeEmpty();
        var token = response["signIn.accessToken"]!.GetValue<string>();
        DateTimeOffset.Parse(response["signIn.expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(7));
        var me = await Client.DataAsync("{ me { email } }", token: token);
        me["me"]!["email"]!.GetValue<string>().ShouldBe(email);
    }
}
