using Microsoft.Extensions.Logging;
using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Mails the link that confirms a member's new address to that address, and tells the current address a change was asked
/// for (cascaded by updateMyProfile with mail on). The token is made here, not in the message: only its hash is kept.
/// </summary>
public sealed record SendEmailChangeMails(Guid MemberId)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public override string ToString() => $"{nameof(SendEmailChangeMails)} {MemberId:N}";
}

public static partial class SendEmailChangeMailsHandler
{
    /// <summary>
    /// Makes the single-use token (valid <see cref="SendEmailChangeMails.Lifetime"/>) and keeps its hash on the account with
    /// the pending address it confirms, in place of any earlier one; mails <c>{PublicUrl}/confirm-email?token=…</c> to the
    /// new address, then the notice to the current one (which shows the new address half-hidden). The token is committed
    /// before the mails go (<see cref="Mail.MembershipMail"/>); after a failed send the retry makes another in its place. A current
    /// address that refuses mail for good (a mailbox closed, often the reason for the change) does not stop the change.
    /// Nothing is sent when the member is gone or erased, has no change pending, or has no account.
    /// </summary>
    public static async Task Handle(SendEmailChangeMails message, IMembershipStore store, Mailer mailer, TimeProvider clock,
        ILogger<SendEmailChangeMails> logger, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var member = await session.LoadAsync<MemberProfile>(message.MemberId, cancellationToken);
        if (member is not { Erased: false, PendingEmail: { } newAddress }) return;
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == member.Id, cancellationToken);
        if (account is null) return;

        var token = InvitationTokens.Create();
        var expires = clock.GetUtcNow() + SendEmailChangeMails.Lifetime;
        account.EmailChangeTokenHash = InvitationTokens.Hash(token);
        account.EmailChangeAddress = newAddress;
        account.EmailChangeExpiresAt = expires;
        session.Update(account);
        await session.SaveChangesAsync(cancellationToken);

        var greeting = MembershipMail.Greeting(member.GivenName);
        var confirm = mailer.Compose(MailId.Of("email-change-confirm", member.Id, account.EmailChangeTokenHash), new MailRecipient(newAddress, member.DisplayName),
            MembershipMail.Templates, "email-change-confirm", new Dictionary<string, string>
            {
                ["Greeting"] = greeting,
                ["ConfirmUrl"] = mailer.Link("/confirm-email", token).ToString(),
            });
        await mailer.SendAsync(confirm, cancellationToken);

        var notice = mailer.Compose(MailId.Of("email-change-notice", member.Id, account.EmailChangeTokenHash), new MailRecipient(member.Email, member.DisplayName),
            MembershipMail.Templates, "email-change-notice", new Dictionary<string, string>
            {
                ["Greeting"] = greeting,
                ["NewAddress"] = MembershipMail.Masked(newAddress),
                ["ResetUrl"] = mailer.PublicUrl + "/reset-password",
            });
        try
        {
            await mailer.SendAsync(notice, cancellationToken);
        }
        catch (MailDeliveryException e) when (e.Permanent)
        {
            LogNoticeRefused(logger, message.MemberId, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice of an email change for member {MemberId} was refused for good by the mail server ({Reason}); the change can still be confirmed.")]
    private static partial void LogNoticeRefused(ILogger logger, Guid memberId, string reason);
}
