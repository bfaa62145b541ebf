using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Applications;

/// <summary>
/// Tells a member that someone applied to join with their address (cascaded by applyForMembership instead of storing
/// the application, with mail on): they are a member already, and how to sign in or reset their password.
/// </summary>
public sealed record SendAlreadyAMemberMail(Guid MemberId)
{
    public override string ToString() => $"{nameof(SendAlreadyAMemberMail)} {MemberId:N}";
}

public static class SendAlreadyAMemberMailHandler
{
    /// <summary>Nothing is sent when the member is gone, erased, resigned since, or has no address.</summary>
    public static async Task Handle(SendAlreadyAMemberMail message, IDocumentSession session, Mailer mailer, Envelope envelope, CancellationToken cancellationToken)
    {
        var member = await session.LoadAsync<MemberProfile>(message.MemberId, cancellationToken);
        if (member is not { Erased: false } || member.Status == MembershipStatus.Resigned || member.Email.Length == 0) return;
        // The message's own id: a retry sends the same Message-ID; another application with the address, another mail.
        var mail = mailer.Compose(MailId.Of("already-a-member", member.Id, envelope.Id),
            new MailRecipient(member.Email, member.DisplayName), MembershipMail.Templates, "already-a-member",
            new Dictionary<string, string>
            {
                ["Greeting"] = MembershipMail.Greeting(member.GivenName),
                ["SignInUrl"] = mailer.PublicUrl,
                ["ResetUrl"] = mailer.PublicUrl + "/reset-password",
            });
        await mailer.SendAsync(mail, cancellationToken);
    }
}
