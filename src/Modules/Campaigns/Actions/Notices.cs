namespace WorkersPower.Campaigns.Actions;

[Description("What a notice is about.")]
public enum NoticeKind
{
    ActionCancelled,
    ActionReminder,
}

/// <summary>
/// A notice recorded for a member (e-mail delivery comes later). The id is made from what it is about,
/// so a message handled twice records it once.
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
    public static async Task Handle(NotifyActionCancelled command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var action = await session.LoadAsync<CampaignAction>(command.ActionId, ct);
        if (action is null) return;
        var now = clock.GetUtcNow();
        var erased = await ErasedAsync(session, command.MemberIds, ct);
        foreach (var memberId in command.MemberIds.Where(m => !erased.Contains(m)))
            session.Store(new MemberNotice
            {
                Id = MemberNotice.IdOf(NoticeKind.ActionCancelled, action.Id, memberId, action.StartsAt),
                MemberId = memberId,
                Kind = NoticeKind.ActionCancelled,
                ActionId = action.Id,
                Text = $"'{action.Title}' on {action.StartsAt:yyyy-MM-dd HH:mm} UTC is cancelled: {command.Reason}",
                CreatedAt = now,
                Sequence = WorkersPower.Platform.Sequences.Next(now),
            });
    }

    /// <summary>Records the reminders, unless the action was cancelled or moved since this was scheduled.</summary>
    public static async Task Handle(SendActionReminders command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var action = await session.LoadAsync<CampaignAction>(command.ActionId, ct);
        if (action is null || action.Status == ActionStatus.Cancelled || action.StartsAt != command.StartsAt) return;
        var now = clock.GetUtcNow();
        var erased = await ErasedAsync(session, action.SignedUp, ct);
        foreach (var memberId in action.SignedUp.Where(m => !erased.Contains(m)))
            session.Store(new MemberNotice
            {
                Id = MemberNotice.IdOf(NoticeKind.ActionReminder, action.Id, memberId, action.StartsAt),
                MemberId = memberId,
                Kind = NoticeKind.ActionReminder,
                ActionId = action.Id,
                Text = $"Reminder: '{action.Title}' starts {action.StartsAt:yyyy-MM-dd HH:mm} UTC at {action.Location}.",
                CreatedAt = now,
                Sequence = WorkersPower.Platform.Sequences.Next(now),
            });
    }

    /// <summary>Which of the members were erased (no notice is recorded for them: erasure deleted theirs).</summary>
    private static async Task<HashSet<Guid>> ErasedAsync(IDocumentSession session, IReadOnlyCollection<Guid> memberIds, CancellationToken ct) =>
        memberIds.Count == 0 ? [] : (await session.LoadManyAsync<Members.CampaignMember>(ct, memberIds)).Where(m => m.Erased).Select(m => m.Id).ToHashSet();
}
