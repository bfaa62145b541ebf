using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Tests;

/// <summary>signIn's rules, Given the throttle, the account, the password check and the member / When signing in / Then: no database.</summary>
public sealed class SignInTests
{
    private static readonly SignIn Command = new("rosa@example.org", "bread and roses 1912", "203.0.113.9");
    private static readonly Account Active = new() { Id = Guid.NewGuid(), Email = "rosa@example.org", PasswordHash = "hash" };

    private static MemberProfile Member(MembershipStatus status, bool erased = false) => new() { Id = Guid.NewGuid(), Status = status, Erased = erased };

    [Fact]
    public void The_right_password_of_an_active_account_signs_in()
    {
        Command.Decide(null, Active, passwordRight: true, member: null).Accepted.ShouldBeTrue();
        Command.Decide(null, Active, passwordRight: true, Member(MembershipStatus.Active)).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void No_account_an_account_not_activated_and_a_wrong_password_are_refused_alike()
    {
        foreach (var (account, right) in new[] { ((Account?)null, true), (new Account { Email = "rosa@example.org" }, true), (Active, false) })
            Command.Decide(null, account, right, null).Errors.ShouldBe([SignIn.WrongCredentials]);
    }

    [Fact]
    public void While_throttled_even_the_right_password_is_refused_with_the_wait_in_minutes()
    {
        var error = Command.Decide(TimeSpan.FromSeconds(61), Active, passwordRight: true, member: null).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.Throttled);
        error.Message.ShouldBe("Too many failed sign-ins: try again in 2 minute(s).");
    }

    [Fact]
    public void A_suspended_resigned_or_erased_member_is_told_why_after_the_right_password()
    {
        Command.Decide(null, Active, true, Member(MembershipStatus.Suspended)).Errors.ShouldHaveSingleItem().Message.ShouldBe("This membership is suspended: contact your branch.");
        Command.Decide(null, Active, true, Member(MembershipStatus.Resigned)).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidState);
        Command.Decide(null, Active, true, Member(MembershipStatus.Active, erased: true)).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidState);
        Command.Decide(null, Active, false, Member(MembershipStatus.Suspended)).Errors.ShouldBe([SignIn.WrongCredentials]);
    }
}
