using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class RateLimitedFixture : MembershipFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Membership:Applications:PermitLimit"] = "3";
        settings["Membership:PasswordReset:PermitLimit"] = "2";
        return settings;
    }
}

/// <summary>Applications and password reset requests are limited per client address.</summary>
public sealed class ApplicationRateLimitTests(RateLimitedFixture fixture) : IClassFixture<RateLimitedFixture>
{
    [Fact]
    public async Task Password_resets_beyond_the_limit_from_one_address_are_refused()
    {
        const string Request = "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { message errors { code message field } } }";
        for (var i = 0; i < 2; i++)
            (await fixture.Client.PostAsync(Request, new { input = new { email = MembershipApi.UniqueEmail() } })).UserErrors("requestPasswordReset").ShouldBeEmpty();
        var refused = await fixture.Client.PostAsync(Request, new { input = new { email = MembershipApi.UniqueEmail() } });
        refused.UserErrors("requestPasswordReset").Single().Code.ShouldBe("RATE_LIMITED");
        refused["requestPasswordReset.message"].ShouldBeNull();
    }

    [Fact]
    public async Task Applications_beyond_the_limit_from_one_address_are_refused_and_not_stored()
    {
        for (var i = 0; i < 3; i++) await MembershipApi.ApplyAsync(fixture.Client, MembershipApi.UniqueEmail());
        var refused = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(MembershipApi.UniqueEmail()) });
        refused.UserErrors("applyForMembership").Single().Code.ShouldBe("RATE_LIMITED");
        refused["applyForMembership.application"].ShouldBeNull();
        var data = await fixture.Client.DataAsync(MembershipApi.Applications, new { first = 0 }, await fixture.AdminTokenAsync());
        data["membershipApplications"]!["totalCount"]!.GetValue<int>().ShouldBe(3);
    }
}

public sealed class ClockFixture : MembershipFixture
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>Invitations expire after 7 days.</summary>
public sealed class InvitationExpiryTests(ClockFixture fixture) : IClassFixture<ClockFixture>
{
    [Fact]
    public async Task An_invitation_older_than_seven_days_is_refused()
    {
        var admin = await fixture.AdminTokenAsync();
        var id = await MembershipApi.ApplyAsync(fixture.Client, MembershipApi.UniqueEmail());
        var (_, invitation) = await MembershipApi.ApproveAsync(fixture.Client, admin, id, await fixture.BranchAsync());
        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var response = await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = "a good passphrase here" } });
        response.UserErrors("activateAccount").Single().Code.ShouldBe("INVALID_TOKEN");
    }
}

public sealed class NoBootstrapFixture : PlatformFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Bootstrap:AdminEmail"] = "";
        settings["Bootstrap:AdminPassword"] = "";
        return settings;
    }
}

/// <summary>Without Bootstrap:* settings no admin account is created.</summary>
public sealed class NoBootstrapTests(NoBootstrapFixture fixture) : IClassFixture<NoBootstrapFixture>
{
    [Fact]
    public async Task Without_bootstrap_settings_there_is_no_admin()
    {
        var response = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = PlatformFixture.AdminEmail, password = PlatformFixture.AdminPassword } });
        response.UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        await using var session = fixture.Services.GetRequiredService<IMembershipStore>().QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Accounts.Account>())).ShouldBe(0);
    }
}

/// <summary>Restarting with the same bootstrap settings changes nothing.</summary>
public sealed class BootstrapRestartTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task A_second_start_with_the_same_settings_keeps_one_admin_and_its_password()
    {
        await fixture.AdminTokenAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = fixture.ConnectionString,
            ["Auth:SigningKey"] = PlatformFixture.SigningKey,
            ["Bootstrap:AdminEmail"] = PlatformFixture.AdminEmail,
            ["Bootstrap:AdminPassword"] = "a different password now",
        };
        await using (var second = new PlatformFactory(settings, null, null))
        {
            _ = second.Services; // starts the host, which runs the bootstrap again
        }
        await using var session = fixture.Services.GetRequiredService<IMembershipStore>().QuerySession();
        var admins = await Marten.QueryableExtensions.ToListAsync(session.Query<Accounts.Account>().Where(a => a.Email == PlatformFixture.AdminEmail));
        admins.Count.ShouldBe(1);
        var response = await fixture.NewClient().PostAsync(MembershipApi.SignIn, new { input = new { email = PlatformFixture.AdminEmail, password = PlatformFixture.AdminPassword } });
        response.UserErrors("signIn").ShouldBeEmpty();
    }
}
