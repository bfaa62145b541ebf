using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Testing;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>confirmEmailChange's rules, Given the account the token found and the member now / When the confirmation / Then: no database.</summary>
public sealed class ConfirmEmailChangeTests
{
    private const string NewAddress = "Rosa.New@example.org";
    private static readonly Guid MemberId = Guid.NewGuid();

    private static Account WithChange(string address = NewAddress, DateTimeOffset? expires = null) => new()
    {
        Id = MemberId, MemberId = MemberId, Email = "rosa@example.org", PasswordHash = "hash",
        EmailChangeTokenHash = "hash", EmailChangeAddress = address, EmailChangeExpiresAt = expires ?? Now.AddHours(20),
    };

    private static MemberProfile Pending(string? address = NewAddress) =>
        Member(MemberId, new MemberEmailChangeRequested(MemberId, address, MemberId, Now.AddHours(-4)));

    private static Decision When(Account? account, MemberProfile? member = null, bool taken = false, string token = "a-token") =>
        new ConfirmEmailChange(token).Decide(account, new EmailChangeFacts(member ?? Pending(), taken), Now);

    [Fact]
    public void A_valid_token_for_the_address_still_pending_makes_the_change()
    {
        When(WithChange()).Events.ShouldBe([new MemberEmailChangeConfirmed(MemberId, NewAddress, MemberId, Now)]);
        var member = Given.Events<MemberProfileProjection, MemberProfile>([
            new MembershipStarted(MemberId, Guid.NewGuid(), Guid.NewGuid(), "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [],
                new Money(5m, "GBP"), ContributionFrequency.Monthly, Guid.Empty, Now.AddYears(-1)),
            new MemberEmailChangeRequested(MemberId, NewAddress, MemberId, Now.AddHours(-4)),
            new MemberEmailChangeConfirmed(MemberId, NewAddress, MemberId, Now)]);
        member.Email.ShouldBe(NewAddress);
        member.EmailKey.ShouldBe("rosa.new@example.org");
        member.PendingEmail.ShouldBeNull();
    }

    [Fact]
    public void A_malformed_unknown_used_or_expired_token_is_refused_alike()
    {
        var refusals = new[]
        {
            When(WithChange(), token: " "),
            When(null),
            When(WithChange(expires: Now)),
            When(new Account { Id = MemberId, MemberId = MemberId, Email = "rosa@example.org" }), // used: the change is cleared
        };
        foreach (var refusal in refusals) refusal.Errors.ShouldBe([ConfirmEmailChange.InvalidToken]);
    }

    [Fact]
    public void A_request_withdrawn_or_replaced_since_the_link_was_sent_is_not_confirmed()
    {
        When(WithChange(), Pending(null)).Errors.ShouldBe([ConfirmEmailChange.InvalidToken]);
        When(WithChange(), Pending("another@example.org")).Errors.ShouldBe([ConfirmEmailChange.InvalidToken]);
        When(WithChange(), Member(MemberId, new MemberDataErased(MemberId, Guid.Empty, Now))).Errors.ShouldBe([ConfirmEmailChange.InvalidToken]);
    }

    [Fact]
    public void An_address_taken_by_another_account_meanwhile_is_refused()
    {
        var error = When(WithChange(), taken: true).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.AlreadyExists);
        error.Field.ShouldBe(["input", "token"]);
    }
}
