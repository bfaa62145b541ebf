namespace WorkersPower.Campaigns.SignUps;

/// <summary>Which entries of an action's sign-up list a reader sees: all of them, or those of the members of some branches.</summary>
public sealed record SignUpScope(IReadOnlyList<Guid>? Branches)
{
    public static SignUpScope Everyone { get; } = new((IReadOnlyList<Guid>?)null);

    public bool SeesAll => Branches is null;
}

/// <summary>The rules of who sees which sign-ups (pure: the resolvers load what they need and ask), read from the reader's grants.</summary>
public static class SignUpAccess
{
    /// <summary>
    /// Admins and the campaign's organisers (CAMPAIGN_ORGANISER on it, <see cref="ViewerOrganises"/>) see every entry,
    /// and so does an organisation-wide ORGANISER; an organiser of branches sees the entries of the members of those
    /// branches (as Campaigns knows their branch now); everyone else nothing (null: FORBIDDEN), an organiser of another
    /// campaign included.
    /// </summary>
    public static SignUpScope? ScopeOf(Caller reader, Guid campaignId)
    {
        if (reader.OrganisesCampaign(campaignId) || reader.OrganisesEveryBranch) return SignUpScope.Everyone;
        return reader.OrganisedBranches is { Count: > 0 } branches ? new SignUpScope(branches) : null;
    }

    /// <summary>
    /// The members whose entries count as a read of their personal data: everyone shown except the reader
    /// and erased members (nothing personal is left of them).
    /// </summary>
    public static IReadOnlyList<Guid> ReadsToRecord(Caller reader, IEnumerable<Guid> shown, IReadOnlySet<Guid> erased) =>
        shown.Where(id => id != reader.MemberId && !erased.Contains(id)).Distinct().ToList();
}
