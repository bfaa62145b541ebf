namespace WorkersPower.Campaigns.SignUps;

/// <summary>Which entries of an action's sign-up list a reader sees: all of them, or those of one branch's members.</summary>
public sealed record SignUpScope(Guid? BranchId)
{
    public static SignUpScope Everyone { get; } = new((Guid?)null);

    public bool SeesAll => BranchId is null;
}

/// <summary>The rules of who sees which sign-ups (pure: the resolvers load what they need and ask).</summary>
public static class SignUpAccess
{
    /// <summary>
    /// Admins and the campaign's organisers (whoever launched it or scheduled one of its actions, while they
    /// hold the ORGANISER role) see every entry; another organiser sees the entries of members of their own
    /// branch; everyone else nothing (null: FORBIDDEN).
    /// </summary>
    /// <param name="campaignOrganisers">The member ids of the campaign's organisers.</param>
    /// <param name="readerBranchId">The branch of the reader's member record, as Campaigns knows it.</param>
    public static SignUpScope? ScopeOf(Caller reader, IReadOnlyCollection<Guid> campaignOrganisers, Guid? readerBranchId)
    {
        if (reader.IsAdmin) return SignUpScope.Everyone;
        if (!reader.Organises || reader.MemberId is not { } me) return null;
        if (campaignOrganisers.Contains(me)) return SignUpScope.Everyone;
        return readerBranchId is { } branch ? new SignUpScope(branch) : null;
    }

    /// <summary>Whether the reader needs their branch to decide (so the resolver loads it only then).</summary>
    public static bool NeedsBranch(Caller reader, IReadOnlyCollection<Guid> campaignOrganisers) =>
        !reader.IsAdmin && reader.Organises && reader.MemberId is { } me && !campaignOrganisers.Contains(me);

    /// <summary>
    /// The members whose entries count as a read of their personal data: everyone shown except the reader
    /// and erased members (nothing personal is left of them).
    /// </summary>
    public static IReadOnlyList<Guid> ReadsToRecord(Caller reader, IEnumerable<Guid> shown, IReadOnlySet<Guid> erased) =>
        shown.Where(id => id != reader.MemberId && !erased.Contains(id)).Distinct().ToList();
}
