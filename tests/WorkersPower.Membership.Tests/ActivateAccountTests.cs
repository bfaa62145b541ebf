using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Tests;

/// <summary>activateAccount's rules, Given the account the token found / When the activation / Then: no database.</summary>
public sealed class ActivateAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid MemberId = Guid.NewGuid();

    private static Account Invited(DateTimeOffset? expires = null, Guid? memberId = null) =>
        new() { Id = Guid.NewGuid(), MemberId = memberId, Email = "rosa@example.org", InvitationTokenHash = "hash", InvitationExpiresAt = expires ?? Now.AddDays(3) };

    private static Decision When(Account? account, string token = "a-token", string password = "bread and roses 1912") =>
        new ActivateAccount(token, password).Decide(account, Now);

    [Fact]
    public void A_member_activates_their_account_with_a_good_password()
    {
        When(Invited(memberId: MemberId)).Events.ShouldBe([new AccountActivated(MemberId, Now)]);
        var operatorAccount = When(Invited());
        operatorAccount.Accepted.ShouldBeTrue();
        operatorAccount.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_malformed_unknown_used_or_expired_invitation_is_refused_alike()
    {
        var refusals = new[]
        {
            When(Invited(), token: " "),
            When(Invited(), token: new string('t', 201)),
            When(null),
            When(Invited(expires: Now)),
            When(new Account { Email = "rosa@example.org" }), // used: the invitation is cleared
        };
        foreach (var refusal in refusals) refusal.Errors.ShouldBe([ActivateAccount.InvalidInvitation]);
    }

    [Fact]
    public void A_weak_password_is_refused_on_the_password_field()
    {
        var error = When(Invited(), password: "rosa-the-red-2026").Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.Validation);
        error.Field.ShouldBe(["input", "password"]);
    }
}
