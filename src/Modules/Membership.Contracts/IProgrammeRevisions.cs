namespace WorkersPower.Membership.Contracts;

/// <summary>
/// A revision of the organisation's programme: the standing page with the slug <see cref="IProgrammeRevisions.Slug"/>.
/// <paramref name="Version"/> is the page version at which this text was made (a draft or a revision);
/// <paramref name="CurrentVersion"/> the version of the programme's text in force now.
/// </summary>
public sealed record ProgrammeRevision(Guid PageId, int Version, int CurrentVersion, DateTimeOffset RevisedAt)
{
    /// <summary>Whether this revision is the programme's text in force now.</summary>
    public bool IsCurrent => Version == CurrentVersion;
}

/// <summary>
/// What Membership asks about the programme, which the join form's applicants and the members accept (Content implements it:
/// the programme is one of its pages, with revisions). Membership declares it because it needs it; Content already speaks
/// Membership's contracts.
/// </summary>
public interface IProgrammeRevisions
{
    /// <summary>The programme page's slug.</summary>
    const string Slug = "programme";

    /// <summary>The programme's text in force now, or null when there is no programme page.</summary>
    Task<ProgrammeRevision?> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The revision of the programme shown at page version <paramref name="version"/> (the page's <c>version</c> as the join form
    /// read it: the text made at or last before it), or null when <paramref name="pageId"/> is not the programme page or the page
    /// never had that version.
    /// </summary>
    Task<ProgrammeRevision?> FindAsync(Guid pageId, int version, CancellationToken cancellationToken);
}
