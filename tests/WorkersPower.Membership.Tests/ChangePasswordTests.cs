using WorkersPower.Membership.Accounts;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Tests;

/// <summary>changePassword's rules, Given the account, the throttle and the current-password check / When changing / Then: no database.</summary>
public sealed class ChangePasswordTests
{
    private static readonly Account Active = new() { Id = Guid.NewGuid(), Email = "rosa@example.org", PasswordHash = "hash" };

    private static Decision When(Account? account, TimeSpan? throttled = null, bool currentRight = true, string newPassword = "bread and roses 1912") =>
        new ChangePassword(Active.Id, "the old one 1917", newPassword, null).Decide(account, throttled, currentRight);

    [Fact]
    public void The_right_current_password_and_a_good_new_one_change_it() => When(Active).Accepted.ShouldBeTrue();

    [Fact]
    public void A_wrong_current_password_or_an_account_that_cannot_sign_in_is_refused_on_the_current_password()
    {
        When(Active, currentRight: false).Errors.ShouldBe([ChangePassword.WrongPassword]);
        When(null).Errors.ShouldBe([ChangePassword.WrongPassword]);
        When(new Account { Email = "rosa@example.org" }).Errors.ShouldBe([ChangePassword.WrongPassword]);
        ChangePassword.WrongPassword.Field.ShouldBe(["input", "currentPassword"]);
    }

    [Fact]
    public void While_throttled_it_is_refused()
    {
        var error = When(Active, throttled: TimeSpan.FromMinutes(14.5)).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.Throttled);
        error.Message.ShouldBe("Too many failed attempts: try again in 15 minute(s).");
    }

    [Fact]
    public void A_weak_new_password_is_refused_on_the_new_password_field()
    {
        foreach (var weak in new[] { "short", "qwertyuiop", "rosa-is-my-name" })
            When(Active, newPassword: weak).Errors.ShouldHaveSingleItem().Field.ShouldBe(["input", "newPassword"]);
    }
}
