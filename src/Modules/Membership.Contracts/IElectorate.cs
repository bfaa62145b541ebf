namespace WorkersPower.Membership.Contracts;

/// <summary>
/// Who may take part in a decision, as Membership's records say (Membership registers it in DI). The one query the
/// Decisions module needs from Membership: electorates as of a moment (a ballot's cut-off), a member's standing and
/// branch at a moment, and the names to show beside member ids.
/// </summary>
public interface IElectorate
{
    /// <summary>
    /// The members in good standing (active, not suspended, lapsed, resigned or erased) at the instant, of the branch
    /// (null: of the whole organisation), each with no more than <paramref name="maxMonthsInArrears"/> whole months in
    /// arrears of their pledge at that instant when it is given. Sorted by member id (as PostgreSQL orders uuids: by
    /// their hex text, ordinal, which is not <see cref="Guid.CompareTo(Guid)"/>'s order). A member transferred between
    /// branches counts in the branch they were in at the instant; a member erased since is never in it. Arrears are
    /// counted as Member.asOf counts them: pledges made by the instant, payments paid on or before the instant's day
    /// in the organisation's time zone (whenever they were recorded).
    /// </summary>
    Task<IReadOnlyList<Guid>> MembersAsync(Guid? branchId, DateTimeOffset at, int? maxMonthsInArrears, CancellationToken cancellationToken);

    /// <summary>
    /// The member's branch and standing at the instant, arrears counted as for <see cref="MembersAsync"/>; null when they
    /// had not joined by then, for an erased member (at any instant) and for an unknown id. A member suspended, lapsed or
    /// resigned then is answered, not in good standing.
    /// </summary>
    Task<ElectorStanding?> StandingAsync(Guid memberId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Display names ("Given Family") of the members, for showing beside a motion, a proxy or a recorded vote to the
    /// members of its scope; an erased member is named "Erased member"; an unknown id is left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> memberIds, CancellationToken cancellationToken);
}

/// <param name="BranchId">The member's branch at the instant.</param>
/// <param name="InGoodStanding">Active (not suspended, lapsed or resigned) at the instant.</param>
/// <param name="MonthsInArrears">Whole months in arrears of their pledge at the instant (0 when up to date or no pledge).</param>
public sealed record ElectorStanding(Guid MemberId, Guid BranchId, bool InGoodStanding, int MonthsInArrears);
