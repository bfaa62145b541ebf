using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>resetPassword's rules, Given the account the token found and its member / When the reset / Then: no database.</summary>
public sealed class ResetPasswordTests
{
    private static readonly Guid MemberId = Guid.NewGuid();

    private static Account WithReset(DateTimeOffset? expires = null, bool activated = true) => new()
    {
        Id = MemberId, MemberId = MemberId, Email = "rosa@example.org", PasswordHash = activated ? "hash" : null,
        ActivatedAt = activated ? Now.AddDays(-30) : null, InvitationExpiresAt = activated ? null : Now.AddDays(-1),
        PasswordResetTokenHash = "hash", PasswordResetExpiresAt = expires ?? Now.AddMinutes(30),
    };

    private static Decision When(Account? account, MemberProfile? member = null, string token = "a-token", string password = "bread and roses 1912") =>
        new ResetPassword(token, password).Decide(account, member ?? Member(MemberId), Now);

    [Fact]
    public void A_valid_token_and_a_good_password_are_accepted()
    {
        var decision = When(WithReset());
        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void An_account_never_activated_is_activated_by_the_reset()
    {
        When(WithReset(activated: false)).Events.ShouldBe([new AccountActivated(MemberId, Now)]);
    }

    [Fact]
    public void A_change_of_email_waiting_for_confirmation_is_withdrawn()
    {
        var account = WithReset();
        var member = Member(MemberId, new MemberEmailChangeRequested(MemberId, "new@example.org", MemberId, Now.AddHours(-1)));
        When(account, member).Events.ShouldBe([new MemberEmailChangeRequested(MemberId, null, account.Id, Now)]);
    }

    [Fact]
    public void A_malformed_unknown_used_or_expired_token_is_refused_alike()
    {
        var refusals = new[]
        {
            When(WithReset(), token: ""),
            When(WithReset(), token: new string('t', 201)),
            When(null),
            When(WithReset(expires: Now)),
            When(new Account { Id = MemberId, PasswordHash = "hash", Email = "rosa@example.org" }), // used: the reset is cleared
        };
        foreach (var refusal in refusals) refusal.Errors.ShouldBe([ResetPassword.InvalidToken]);
        ResetPassword.InvalidToken.Code.ShouldBe(ErrorCodes.InvalidToken);
        ResetPassword.InvalidToken.Field.ShouldBe(["input", "token"]);
    }

    [Fact]
    public void A_suspended_member_is_told_why_and_a_weak_password_is_refused_on_its_field()
    {
        When(WithReset(), Member(MemberId, new MembershipSuspended(MemberId, "Rules", Guid.Empty, Now))).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidState);
        var weak = When(WithReset(), password: "rosa-the-red").Errors.ShouldHaveSingleItem();
        weak.Code.ShouldBe(ErrorCodes.Validation);
        weak.Field.ShouldBe(["input", "password"]);
    }
}
