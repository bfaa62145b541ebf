using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Campaigns.Actions;

[Description("What a notice is about.")]
public enum NoticeKind
{
    ActionCancelled,
    ActionReminder,
}

/// <summary>
/// A notice recorded for a member. The id is made from what it is about, so a message handled twice records it once.
/// With the notices, <see cref="ActionNoticeIssued"/> goes to Membership, which mails the members who consented.
/// </summary>
public sealed class MemberNotice
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public NoticeKind Kind { get; set; }
    public Guid ActionId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public long Sequence { get; set; }

    public static Guid IdOf(NoticeKind kind, Guid actionId, Guid memberId, DateTimeOffset startsAt)
    {
        var text = $"{kind}|{actionId:N}|{memberId:N}|{startsAt.UtcTicks}";
        return new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}

/// <summary>Scheduled for <see cref="Lead"/> before an action starts: records a reminder for everyone signed up.</summary>
public sealed record SendActionReminders(Guid ActionId, DateTimeOffset StartsAt)
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(24);

    /// <summary>The reminders of an action starting at <paramref name="startsAt"/>, due <see cref="Lead"/> before (at once when that has passed).</summary>
    public static ScheduledMessage<SendActionReminders> For(Guid actionId, DateTimeOffset startsAt, DateTimeOffset now)
    {
        var at = startsAt - Lead;
        return new SendActionReminders(actionId, startsAt).ScheduledAt(at < now ? now : at);
    }
}

/// <summary>Tells the members signed up to a cancelled action.</summary>
public sealed record NotifyActionCancelled(Guid ActionId, IReadOnlyList<Guid> MemberIds, string Reason);

public static class NoticeHandler
{
    /// <summary>Records the cancellation notices and tells Membership (which mails them).</summary>
    public static async Task<OutgoingMessages> Handle(NotifyActionCancelled command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var action = await session.LoadAsync<CampaignAction>(command.ActionId, ct);
        if (action is null) return [];
        return await RecordAsync(session, NoticeKind.ActionCancelled, action, command.MemberIds, command.Reason,
            $"'{action.Title}' on {action.StartsAt:yyyy-MM-dd HH:mm} UTC is cancelled: {command.Reason}", clock.GetUtcNow(), ct);
    }

    /// <summary>Records the reminders and tells Membership (which mails them), unless the action was cancelled or moved since this was scheduled.</summary>
    public static async Task<OutgoingMessages> Handle(SendActionReminders command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var action = await session.LoadAsync<CampaignAction>(command.ActionId, ct);
        if (action is null || action.Status == ActionStatus.Cancelled || action.StartsAt != command.StartsAt) return [];
        return await RecordAsync(session, NoticeKind.ActionReminder, action, action.SignedUp, null,
            $"Reminder: '{action.Title}' starts {action.StartsAt:yyyy-MM-dd HH:mm} UTC at {action.Location}.", clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Records the notice for each member not erased who does not have it yet, and publishes <see cref="ActionNoticeIssued"/>
    /// for those: a message handled twice, or a reminder scheduled twice for the same start, tells nobody twice.
    /// </summary>
    private static async Task<OutgoingMessages> RecordAsync(IDocumentSession session, NoticeKind kind, CampaignAction action, IReadOnlyCollection<Guid> memberIds,
        string? reason, string text, DateTimeOffset now, CancellationToken ct)
    {
        var erased = await ErasedAsync(session, memberIds, ct);
        var ids = memberIds.Where(m => !erased.Contains(m)).Distinct().ToDictionary(m => MemberNotice.IdOf(kind, action.Id, m, action.StartsAt));
        var recorded = ids.Count == 0 ? [] : (await session.LoadManyAsync<MemberNotice>(ct, ids.Keys)).Select(n => n.Id).ToHashSet();
        var told = new List<Guid>();
        foreach (var (id, memberId) in ids.Where(i => !recorded.Contains(i.Key)))
        {
            session.Store(new MemberNotice
            {
                Id = id,
                MemberId = memberId,
                Kind = kind,
                ActionId = action.Id,
                Text = text,
                CreatedAt = now,
                Sequence = WorkersPower.Platform.Sequences.Next(now),
            });
            told.Add(memberId);
        }
        if (told.Count == 0) return [];
        var noticeKind = kind == NoticeKind.ActionCancelled ? ActionNoticeKind.Cancelled : ActionNoticeKind.Reminder;
        return [new ActionNoticeIssued(noticeKind, action.Id, action.Title, action.StartsAt, action.EndsAt, action.Location, reason, told)];
    }

    /// <summary>Which of the members were erased (no notice is recorded for them: erasure deleted theirs).</summary>
    private static async Task<HashSet<Guid>> ErasedAsync(IDocumentSession session, IReadOnlyCollection<Guid> memberIds, CancellationToken ct) =>
        memberIds.Count == 0 ? [] : (await session.LoadManyAsync<Members.CampaignMember>(ct, memberIds)).Where(m => m.Erased).Select(m => m.Id).ToHashSet();
}
