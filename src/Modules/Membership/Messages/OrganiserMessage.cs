using System.Text.RegularExpressions;

namespace WorkersPower.Membership.Messages;

/// <summary>
/// The record of an organisers' message (<c>sendMessageToMembers</c>): who sent it, when, to which segment (a
/// description without personal data), to how many, and what it said. No recipient is named: the mails go out
/// as <see cref="SendOrganiserMessageMail"/> messages holding ids only. Admins read every record, organisers
/// their own (<c>organiserMessages</c>).
/// </summary>
public sealed class OrganiserMessage
{
    public Guid Id { get; set; }

    /// <summary>The sender's account; null once the sender's data was erased.</summary>
    public Guid? SenderAccountId { get; set; }

    /// <summary>The sender's member record, when they have one; null once erased.</summary>
    public Guid? SenderMemberId { get; set; }

    /// <summary>How the mail named the sender, after the organisation's name: their branch, or "organisers".</summary>
    public string SignedAs { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    /// <summary>Orders the record newest first with stable cursors.</summary>
    public long Sequence { get; set; }

    /// <summary>To whom, in words and without personal data, e.g. <c>Members of North London, in arrears</c>.</summary>
    public string Segment { get; set; } = "";

    public int RecipientCount { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    /// <summary>True once the sender's data was erased (<see cref="ForgetSender"/>).</summary>
    public bool SenderErased { get; set; }

    /// <summary>
    /// The id of a sender's <paramref name="n"/>-th message of a day (UTC): two sends by one organiser at the same
    /// moment want the same id, and the second is refused, so the daily limit holds on any number of nodes.
    /// </summary>
    public static Guid IdOf(Guid senderAccountId, DateOnly day, int n) =>
        WorkersPower.Platform.Mail.MailId.Of("organiser-message", senderAccountId, day.DayNumber, n);

    public static OrganiserMessage Of(OrganiserMessageSent e) => new()
    {
        Id = e.MessageId,
        SenderAccountId = e.SenderAccountId,
        SenderMemberId = e.SenderMemberId,
        SignedAs = e.SignedAs,
        SentAt = e.At,
        Sequence = Sequences.Next(e.At),
        Segment = e.Segment,
        RecipientCount = e.Recipients.Count,
        Subject = e.Subject,
        Body = e.Body,
    };

    /// <summary>
    /// The erasure of the sender: the record stays (members received the message; admins still see when, to whom
    /// and how many), without a link to the sender, and with every one of <paramref name="personal"/> (the sender's
    /// names, addresses and phone numbers, as their events held them) replaced by "(erased)" in its subject and text,
    /// whole words only, any case.
    /// </summary>
    public void ForgetSender(IEnumerable<string> personal)
    {
        SenderAccountId = null;
        SenderMemberId = null;
        SenderErased = true;
        foreach (var needle in personal.Where(p => p.Trim().Length >= 2).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(p => p.Length))
        {
            var pattern = new Regex(@"(?<![\p{L}\p{N}])" + Regex.Escape(needle) + @"(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            Subject = pattern.Replace(Subject, EraseMemberHandler.ErasedText);
            Body = pattern.Replace(Body, EraseMemberHandler.ErasedText);
        }
    }
}

/// <summary>What <see cref="SendMessageToMembers"/> decided: the message to record, and who receives it (ids).</summary>
public sealed record OrganiserMessageSent(
    Guid MessageId, Guid SenderAccountId, Guid? SenderMemberId, string SignedAs, DateTimeOffset At, string Segment,
    IReadOnlyList<Guid> Recipients, string Subject, string Body)
{
    public override string ToString() => $"{nameof(OrganiserMessageSent)} {MessageId:N} to {Recipients.Count}";
}

/// <summary>The settings of organisers' messages (the <c>Mail</c> section).</summary>
public sealed class OrganiserMessageLimits
{
    /// <summary><c>Mail:MessagesPerOrganiserPerDay</c>: how many messages one sender may send per day (UTC).</summary>
    public int MessagesPerOrganiserPerDay { get; set; } = 5;
}

/// <summary>What an erasure does to the organisers' messages the erased member sent.</summary>
public static class OrganiserMessageErasure
{
    /// <summary>In the erasure's transaction: every message the member sent forgets them (<see cref="OrganiserMessage.ForgetSender"/>).</summary>
    public static async Task ForgetSenderAsync(IDocumentSession session, Guid memberId, CancellationToken ct)
    {
        var sent = await session.Query<OrganiserMessage>().Where(m => m.SenderMemberId == memberId).ToListAsync(ct);
        if (sent.Count == 0) return;
        var identifying = new HashSet<string>(StringComparer.Ordinal);
        var personal = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in await session.Events.FetchStreamAsync(memberId, token: ct)) EraseMemberHandler.CollectPersonalData(e.Data, identifying, personal);
        foreach (var message in sent)
        {
            message.ForgetSender(identifying.Concat(personal));
            session.Update(message);
        }
    }
}
