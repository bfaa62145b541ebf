using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>A host with mail on (SMTP to an in-process server) and a clock the tests can move.</summary>
public sealed class AccountMailFixture : MailFixture
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>Reset links expire after an hour (a host of its own: the clock moves).</summary>
public sealed class ResetExpiryTests(AccountMailFixture fixture) : IClassFixture<AccountMailFixture>
{
    [Fact]
    public async Task A_reset_link_older_than_an_hour_is_refused()
    {
        var member = await AccountMail.JoinAsync(fixture);
        var request = await fixture.Client.PostAsync("mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { message } }", new { input = new { email = member.Email } });
        request.ShouldSucceed();
        var token = MailFixture.TokenIn((await AccountMail.MailTo(fixture.Catcher, member.Email, "Set a new password for Workers Power")).Single(), "/reset-password");
        fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var response = await fixture.Client.PostAsync("mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { accessToken errors { code field } } }",
            new { input = new { token, password = "a brand new passphrase" } });
        response.UserErrors("resetPassword").Single().Code.ShouldBe("INVALID_TOKEN");
        response["resetPassword.accessToken"].ShouldBeNull();
    }
}
