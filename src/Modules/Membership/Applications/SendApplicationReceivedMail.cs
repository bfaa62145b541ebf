using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Applications;

/// <summary>Tells an applicant their application arrived (cascaded by applyForMembership when it stores one, with mail on).</summary>
public sealed record SendApplicationReceivedMail(Guid ApplicationId)
{
    public override string ToString() => $"{nameof(SendApplicationReceivedMail)} {ApplicationId:N}";
}

public static class SendApplicationReceivedMailHandler
{
    /// <summary>Nothing is sent when the application is gone, erased or no longer pending (decided before the mail went).</summary>
    public static async Task Handle(SendApplicationReceivedMail message, IDocumentSession session, Mailer mailer, CancellationToken cancellationToken)
    {
        var application = await session.LoadAsync<MembershipApplication>(message.ApplicationId, cancellationToken);
        if (application is not { Status: ApplicationStatus.Pending } || application.EmailKey.Length == 0) return;
        var applicant = application.Applicant;
        var mail = mailer.Compose(MailId.Of("application-received", application.Id), new MailRecipient(applicant.Email, $"{applicant.GivenName} {applicant.FamilyName}"),
            MembershipMail.Templates, "application-received", new Dictionary<string, string> { ["Greeting"] = MembershipMail.Greeting(applicant.GivenName) });
        await mailer.SendAsync(mail, cancellationToken);
    }
}
