using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Mails an account a link to set a new password (cascaded by requestPasswordReset with mail on). The token is made
/// here, not in the message: only its hash is kept.
/// </summary>
public sealed record SendPasswordResetMail(Guid AccountId)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public override string ToString() => $"{nameof(SendPasswordResetMail)} {AccountId:N}";
}

public static class SendPasswordResetMailHandler
{
    /// <summary>
    /// Makes the single-use token (valid <see cref="SendPasswordResetMail.Lifetime"/>), keeps its hash and expiry on the
    /// account in place of any earlier reset token, and mails <c>{PublicUrl}/reset-password?token=…</c>. The token is committed
    /// before the mail goes (<see cref="MembershipMail"/>); after a failed send the retry makes another in its place. Nothing is
    /// sent when the account is gone or its member may not sign in.
    /// </summary>
    public static async Task Handle(SendPasswordResetMail message, IMembershipStore store, Mailer mailer, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var account = await session.LoadAsync<Account>(message.AccountId, cancellationToken);
        if (account is not { CanSignInOrWasInvited: true }) return;
        var member = account.MemberId is { } memberId ? await session.LoadAsync<MemberProfile>(memberId, cancellationToken) : null;
        if (member is not null && AccountTokenCheck.StandingRefusal(member) is not null) return;

        var token = InvitationTokens.Create();
        account.PasswordResetTokenHash = InvitationTokens.Hash(token);
        account.PasswordResetExpiresAt = clock.GetUtcNow() + SendPasswordResetMail.Lifetime;
        session.Update(account);
        await session.SaveChangesAsync(cancellationToken);

        var mail = mailer.Compose(MailId.Of("password-reset", account.Id, account.PasswordResetTokenHash), new MailRecipient(member?.Email ?? account.Email, member?.DisplayName),
            MembershipMail.Templates, "password-reset", new Dictionary<string, string>
            {
                ["Greeting"] = MembershipMail.Greeting(member?.GivenName),
                ["ResetUrl"] = mailer.Link("/reset-password", token).ToString(),
                ["RequestUrl"] = mailer.PublicUrl + "/reset-password",
            });
        await mailer.SendAsync(mail, cancellationToken);
    }
}
