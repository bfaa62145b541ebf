using WorkersPower.Membership.Mail;
using WorkersPower.Platform.Mail;

namespace WorkersPower.Membership.Messages;

/// <summary>One recipient's mail of an organisers' message (ids only: the text and the address are read when it is sent).</summary>
public sealed record SendOrganiserMessageMail(Guid MessageId, Guid MemberId)
{
    public override string ToString() => $"{nameof(SendOrganiserMessageMail)} {MessageId:N} {MemberId:N}";
}

public static class SendOrganiserMessageMailHandler
{
    public const string Template = "organiser-message";

    /// <summary>
    /// The mails of a message go from their own durable local queue, handled twice as many at a time as there are
    /// SMTP connections (Mail:Smtp:Connections): while some wait for the mail server, others load their member,
    /// so every connection has a mail ready. The transport keeps the number of connections bounded.
    /// </summary>
    public static void ConfigureQueue(WolverineOptions options, IConfiguration configuration) =>
        options.LocalQueueFor<SendOrganiserMessageMail>().MaximumParallelMessages(2 * Math.Max(1, configuration.GetValue("Mail:Smtp:Connections", 4)));

    /// <summary>
    /// Sends the message to the member in the organisation's layout, signed "&lt;Organisation&gt; (&lt;branch or
    /// organisers&gt;)" (never the sender's own address; no Reply-To), with the unsubscribe link and headers.
    /// Nothing is sent to a member who meanwhile turned email off, resigned or was erased.
    /// </summary>
    public static async Task Handle(SendOrganiserMessageMail command, IDocumentSession session, Mailer mailer, UnsubscribeLinks links, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var loadMessage = batch.Load<OrganiserMessage>(command.MessageId);
        var loadMember = batch.Load<MemberProfile>(command.MemberId);
        await batch.Execute(ct);
        if (await loadMessage is not { } message || await loadMember is not { AcceptsEmail: true } member) return;
        var mail = mailer.Compose(MailId.Of(Template, message.Id, member.Id), new MailRecipient(member.Email, member.DisplayName),
            typeof(OrganiserMessage).Assembly, Template,
            new Dictionary<string, string> { ["Subject"] = message.Subject, ["SignedAs"] = message.SignedAs, ["Body"] = message.Body },
            unsubscribe: links.For(member.Id));
        await mailer.SendAsync(mail, ct);
    }
}
