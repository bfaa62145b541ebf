using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Mails a new (or renewed, never activated) member the link that activates their account (cascaded by
/// approveMembershipApplication with mail on). The token is made here, not in the message: only its hash is kept.
/// </summary>
public sealed record SendInvitationMail(Guid AccountId)
{
    public override string ToString() => $"{nameof(SendInvitationMail)} {AccountId:N}";
}

public static class SendInvitationMailHandler
{
    /// <summary>
    /// Makes the single-use token (valid <see cref="InvitationTokens.Lifetime"/>), keeps its hash and expiry on the account
    /// and mails <c>{PublicUrl}/activate?token=…</c>. The token is committed before the mail goes (<see cref="MembershipMail"/>);
    /// after a failed send the retry makes another in its place. Nothing is sent when the account is gone, already has a
    /// password, or its member is erased or no longer active.
    /// </summary>
    public static async Task Handle(SendInvitationMail message, IMembershipStore store, Mailer mailer, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(message.AccountId, cancellationToken);
        if (account is null || account.CanSignIn) return;
        var member = account.MemberId is { } memberId ? await session.LoadAsync<MemberProfile>(memberId, cancellationToken) : null;
        if (member is not null && AccountTokenCheck.StandingRefusal(member) is not null) return;

        var token = InvitationTokens.Create();
        var expires = clock.GetUtcNow() + InvitationTokens.Lifetime;
        account.InvitationTokenHash = InvitationTokens.Hash(token);
        account.InvitationExpiresAt = expires;
        session.Update(account);
        await session.SaveChangesAsync(cancellationToken);

        var mail = mailer.Compose(MailId.Of("invitation", account.Id, account.InvitationTokenHash), new MailRecipient(member?.Email ?? account.Email, member?.DisplayName),
            MembershipMail.Templates, "invitation", new Dictionary<string, string>
            {
                ["Greeting"] = MembershipMail.Greeting(member?.GivenName),
                ["ActivateUrl"] = mailer.Link("/activate", token).ToString(),
                ["ValidUntil"] = MembershipMail.Date(expires),
            });
        await mailer.SendAsync(mail, cancellationToken);
    }
}
