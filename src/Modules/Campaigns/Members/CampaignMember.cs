using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using WorkersPower.Platform;

namespace WorkersPower.Campaigns.Members;

/// <summary>
/// Campaigns' own copy of what it needs about a member (display name, branch, standing), kept from
/// Membership's contract messages; Campaigns never reads Membership's tables.
/// </summary>
public sealed class CampaignMember
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public Guid BranchId { get; set; }
    public MemberStanding Standing { get; set; }
    public bool Erased { get; set; }

    /// <summary>When the name, the branch and the standing were last set (the instant on the message that set each):
    /// a message older than the one already applied is ignored, as messages may arrive in any order.</summary>
    public DateTimeOffset NameAt { get; set; }

    public DateTimeOffset BranchAt { get; set; }

    public DateTimeOffset StandingAt { get; set; }

    /// <summary>Made here, not loaded: written by insert, so two messages cannot both make it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsNew { get; init; }

    public const string ErasedName = "Erased member";

    public void Name(string displayName, DateTimeOffset at)
    {
        if (Erased || at < NameAt) return;
        DisplayName = displayName;
        NameAt = at;
    }

    public void Branch(Guid branchId, DateTimeOffset at)
    {
        if (at < BranchAt) return;
        BranchId = branchId;
        BranchAt = at;
    }

    public void Stand(MemberStanding standing, DateTimeOffset at)
    {
        if (at < StandingAt) return;
        Standing = standing;
        StandingAt = at;
    }
}

/// <summary>Withdraws a member from an action because their membership ended.</summary>
public sealed record WithdrawMemberFromFutureActions(Guid MemberId, string Reason);

/// <summary>
/// Handles Membership's contract messages (each idempotent: safe to receive twice). Several may be handled at once for
/// one member (the queue runs messages in parallel, and so do several nodes): each load-change-write is checked, the copy
/// under optimistic concurrency and a new copy by insert, and the loser of a race is run again on the copy as it now is.
/// </summary>
public static class MembershipEventsHandler
{
    /// <summary>Wolverine calls this for each of the class's handlers: a lost race is retried at once, then a little later.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException(e => DatabaseErrors.IsConcurrencyConflict(e) || DatabaseErrors.IsUniqueViolation(e), "another message changed the member's copy first")
            .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30))
            .Then.MoveToErrorQueue();

    private static async Task<CampaignMember> LoadOrNewAsync(IDocumentSession session, Guid memberId, CancellationToken ct) =>
        await session.LoadAsync<CampaignMember>(memberId, ct) ?? new CampaignMember { Id = memberId, IsNew = true };

    /// <summary>Inserts a new copy (refused if another message made it meanwhile) or updates the loaded one (refused if it changed).</summary>
    private static void Save(IDocumentSession session, CampaignMember member)
    {
        if (member.IsNew) session.Insert(member);
        else session.Store(member);
    }

    public static async Task Handle(MemberJoined e, IDocumentSession session, CancellationToken ct)
    {
        var member = await LoadOrNewAsync(session, e.MemberId, ct);
        if (member.Erased) return;
        member.Name(e.DisplayName, e.JoinedAt);
        member.Branch(e.BranchId, e.JoinedAt);
        member.Stand(MemberStanding.Active, e.JoinedAt);
        Save(session, member);
    }

    /// <summary>A rename heard before the join makes the copy (the join, older, then leaves the new name alone).</summary>
    public static async Task Handle(MemberRenamed e, IDocumentSession session, CancellationToken ct)
    {
        var member = await LoadOrNewAsync(session, e.MemberId, ct);
        if (member.Erased) return;
        member.Name(e.DisplayName, e.At);
        Save(session, member);
    }

    public static async Task Handle(MemberTransferredBranch e, IDocumentSession session, CancellationToken ct)
    {
        var member = await LoadOrNewAsync(session, e.MemberId, ct);
        if (member.Erased) return;
        member.Branch(e.ToBranchId, e.At);
        Save(session, member);
    }

    public static async Task<object?> Handle(MemberStandingChanged e, IDocumentSession session, CancellationToken ct)
    {
        var member = await LoadOrNewAsync(session, e.MemberId, ct);
        member.Stand(e.Standing, e.At);
        Save(session, member);
        return e.Standing is MemberStanding.Resigned or MemberStanding.Suspended
            ? new WithdrawMemberFromFutureActions(e.MemberId, e.Standing == MemberStanding.Resigned ? "The member resigned." : "The member was suspended.")
            : null;
    }

    public static async Task<WithdrawMemberFromFutureActions> Handle(MemberErased e, IDocumentSession session, CancellationToken ct)
    {
        var member = await LoadOrNewAsync(session, e.MemberId, ct);
        member.Erased = true;
        member.DisplayName = CampaignMember.ErasedName;
        Save(session, member);
        // the notices told the member about their own actions: they go with the rest of what is personal
        session.DeleteWhere<MemberNotice>(n => n.MemberId == e.MemberId);
        return new WithdrawMemberFromFutureActions(e.MemberId, "The member's data was erased.");
    }

    /// <summary>Withdraws the member from every action that has not started and is not cancelled.</summary>
    public static async Task Handle(WithdrawMemberFromFutureActions command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actions = await session.Query<CampaignAction>()
            .Where(a => a.StartsAt > now && a.Status == ActionStatus.Scheduled && a.SignedUp.Contains(command.MemberId))
            .ToListAsync(ct);
        foreach (var action in actions)
        {
            var stream = await session.Events.FetchForWriting<CampaignAction>(action.Id, ct);
            if (stream.Aggregate is { } a && a.SignedUp.Contains(command.MemberId))
                stream.AppendOne(new WithdrewFromAction(a.Id, a.CampaignId, command.MemberId, command.Reason, now));
        }
    }
}
