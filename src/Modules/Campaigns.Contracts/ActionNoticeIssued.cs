namespace WorkersPower.Campaigns.Contracts;

/// <summary>What an <see cref="ActionNoticeIssued"/> tells the members.</summary>
public enum ActionNoticeKind
{
    /// <summary>The action starts in about 24 hours.</summary>
    Reminder,

    /// <summary>The action was cancelled.</summary>
    Cancelled,
}

/// <summary>
/// Published by Campaigns once it has recorded notices about an action for the members signed up to it (a reminder a
/// day before, or its cancellation), so that Membership, which alone knows how to reach members, can mail those who
/// consented. It names people by id only; the action's title, times and place (and a cancellation's reason) are about
/// the action, not about anyone.
/// </summary>
/// <param name="Reason">Why the action was cancelled (<see cref="ActionNoticeKind.Cancelled"/> only).</param>
/// <param name="MemberIds">The members told (erased members left out).</param>
public sealed record ActionNoticeIssued(
    ActionNoticeKind Kind,
    Guid ActionId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Location,
    string? Reason,
    IReadOnlyList<Guid> MemberIds)
{
    /// <summary>Type, kind and ids only: titles, places and reasons stay out of logs.</summary>
    public override string ToString() => $"{nameof(ActionNoticeIssued)} {Kind} {ActionId:N} ({MemberIds.Count} members)";
}
