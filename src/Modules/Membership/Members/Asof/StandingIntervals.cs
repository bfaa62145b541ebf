namespace WorkersPower.Membership.Members;

/// <summary>
/// A stretch of time in which a member stood in one way in one branch: from an instant (inclusive) until another
/// (exclusive; null: still so). Ids, a branch, a standing and two instants: no personal data.
/// </summary>
public sealed record StandingInterval(Guid MemberId, Guid BranchId, MembershipStatus Standing, DateTimeOffset From, DateTimeOffset? To = null)
{
    /// <summary>Whether the interval holds at <paramref name="at"/>: from its start, before its end.</summary>
    public bool Covers(DateTimeOffset at) => From <= at && (To is not { } to || at < to);
}

/// <summary>
/// What one of the member's events does to their standing interval: it ends the open one at <see cref="At"/> and,
/// unless <see cref="Ends"/>, opens the next one in <see cref="BranchId"/> (null: the same branch as before) with
/// <see cref="Standing"/> (null: the same standing as before).
/// </summary>
public sealed record StandingChange(DateTimeOffset At, Guid? BranchId, MembershipStatus? Standing, bool Ends = false);

/// <summary>
/// The rules of the standing intervals, pure: which events move a member from one interval to the next, and the
/// intervals a member's events make. The inline projection (<see cref="StandingIntervalProjection"/>) and the
/// rebuild (<see cref="StandingIntervalRebuild"/>) both follow <see cref="ChangeOf"/>.
/// </summary>
public static class StandingIntervals
{
    /// <summary>
    /// The change an event makes, or null when it leaves the standing alone. Joining and rejoining open an ACTIVE
    /// interval in the branch; a transfer keeps the standing in the new branch; suspension, reinstatement, lapse,
    /// restoration and resignation keep the branch; an erasure ends the open interval without a next one (the person
    /// asked to be forgotten; the intervals before it stay, holding ids and dates only, so past counts do not change).
    /// </summary>
    public static StandingChange? ChangeOf(object data) => data switch
    {
        MembershipStarted e => new(e.StartedAt, e.BranchId, MembershipStatus.Active),
        MembershipRenewed e => new(e.At, e.BranchId, MembershipStatus.Active),
        MemberTransferred e => new(e.At, e.ToBranchId, null),
        MembershipSuspended e => new(e.At, null, MembershipStatus.Suspended),
        MembershipReinstated e => new(e.At, null, MembershipStatus.Active),
        MembershipLapsed e => new(e.At, null, MembershipStatus.Lapsed),
        MembershipRestored e => new(e.At, null, MembershipStatus.Active),
        MembershipResigned e => new(e.At, null, MembershipStatus.Resigned),
        MemberDataErased e => new(e.At, null, null, Ends: true),
        _ => null,
    };

    /// <summary>The event types that may change a member's standing interval (what the rebuild reads).</summary>
    public static IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(MembershipStarted), typeof(MembershipRenewed), typeof(MemberTransferred), typeof(MembershipSuspended), typeof(MembershipReinstated),
        typeof(MembershipLapsed), typeof(MembershipRestored), typeof(MembershipResigned), typeof(MemberDataErased),
    ];

    /// <summary>
    /// The open interval after <paramref name="change"/>: the one it closes (null: none was open) gets its end, and
    /// the next one starts where that ended (never before the start of the one it follows). Null: no interval is
    /// open afterwards (an erasure, or a change of standing with no branch known yet).
    /// </summary>
    public static (StandingInterval? Closed, StandingInterval? Opened) Apply(Guid memberId, StandingInterval? open, StandingChange change)
    {
        var at = open is null || change.At >= open.From ? change.At.ToUniversalTime() : open.From;
        var closed = open is null ? null : open with { To = at };
        if (change.Ends) return (closed, null);
        var branch = change.BranchId ?? open?.BranchId;
        var standing = change.Standing ?? open?.Standing ?? MembershipStatus.Active;
        return branch is { } b ? (closed, new StandingInterval(memberId, b, standing, at)) : (closed, null);
    }

    /// <summary>Every interval <paramref name="events"/> (one member's, in stream order) make, oldest first; the last one may still be open.</summary>
    public static IReadOnlyList<StandingInterval> Of(Guid memberId, IEnumerable<object> events)
    {
        var intervals = new List<StandingInterval>();
        StandingInterval? open = null;
        foreach (var data in events)
        {
            if (ChangeOf(data) is not { } change) continue;
            var (closed, opened) = Apply(memberId, open, change);
            if (closed is not null) intervals[^1] = closed;
            if (opened is not null) intervals.Add(opened);
            open = opened;
        }
        return intervals;
    }
}
