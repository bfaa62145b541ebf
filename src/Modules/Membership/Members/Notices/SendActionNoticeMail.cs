using WorkersPower.Campaigns.Contracts;
using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Mails one member an action's reminder or cancellation, which Campaigns recorded as a notice (<see cref="ActionNoticeIssued"/>).
/// It needs consent: it goes only to a member who <see cref="MemberProfile.AcceptsEmail"/>, with the unsubscribe link.
/// Besides the member's id it carries only the action's details (title, times, place, a cancellation's reason), never an address.
/// </summary>
public sealed record SendActionNoticeMail(
    ActionNoticeKind Kind, Guid MemberId, Guid ActionId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, string? Reason)
{
    public override string ToString() => $"{nameof(SendActionNoticeMail)} {Kind} {ActionId:N} {MemberId:N}";
}

public static class SendActionNoticeMailHandler
{
    /// <summary>With mail on: one <see cref="SendActionNoticeMail"/> per member told who accepts email (in this handler's transaction).</summary>
    public static async Task<OutgoingMessages> Handle(ActionNoticeIssued notice, IDocumentSession session, Mailer mailer, CancellationToken ct)
    {
        if (!mailer.Enabled || notice.MemberIds.Count == 0) return [];
        var members = await session.LoadManyAsync<MemberProfile>(ct, notice.MemberIds.Distinct());
        return [.. members.Where(m => m.AcceptsEmail).OrderBy(m => m.Id)
            .Select(m => new SendActionNoticeMail(notice.Kind, m.Id, notice.ActionId, notice.Title, notice.StartsAt, notice.EndsAt, notice.Location, notice.Reason))];
    }

    /// <summary>Sends the mail, unless the member stopped accepting email meanwhile (unsubscribed, resigned, erased).</summary>
    public static async Task Handle(SendActionNoticeMail message, IDocumentSession session, Mailer mailer, UnsubscribeLinks links, CancellationToken ct)
    {
        if (!mailer.Enabled) return;
        var member = await session.LoadAsync<MemberProfile>(message.MemberId, ct);
        if (member is not { AcceptsEmail: true }) return;
        var template = message.Kind == ActionNoticeKind.Cancelled ? "action-cancelled" : "action-reminder";
        var values = new Dictionary<string, string>
        {
            ["Name"] = member.GivenName,
            ["Title"] = message.Title,
            ["When"] = When(message.StartsAt, message.EndsAt),
            ["Day"] = message.StartsAt.ToUniversalTime().ToString("dddd d MMMM", CultureInfo.InvariantCulture),
            ["Location"] = message.Location,
            ["Reason"] = message.Reason ?? "",
        };
        var mail = mailer.Compose(MailId.Of(template, message.ActionId, member.Id, message.StartsAt), new MailRecipient(member.Email, member.DisplayName),
            typeof(MemberProfile).Assembly, template, values, unsubscribe: links.For(member.Id));
        await mailer.SendAsync(mail, ct);
    }

    /// <summary>The time in UTC, written plainly: "Saturday 14 March 2026, 10:00 to 12:00 UTC" (both days when it ends on another).</summary>
    internal static string When(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var (start, end) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime());
        var culture = CultureInfo.InvariantCulture;
        return start.Date == end.Date
            ? $"{start.ToString("dddd d MMMM yyyy, HH:mm", culture)} to {end.ToString("HH:mm", culture)} UTC"
            : $"{start.ToString("dddd d MMMM yyyy, HH:mm", culture)} UTC to {end.ToString("dddd d MMMM yyyy, HH:mm", culture)} UTC";
    }
}
