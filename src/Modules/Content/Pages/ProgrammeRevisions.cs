using WorkersPower.Membership.Contracts;

namespace WorkersPower.Content.Pages;

/// <summary>
/// The programme's revisions for Membership (<see cref="IProgrammeRevisions"/>): the page with the slug "programme", its
/// versions read back from its stream (a draft and every revision carry the whole text; other events, such as an
/// unpublication, move the page's version without changing the text).
/// </summary>
internal sealed class ProgrammeRevisions(IContentStore store) : IProgrammeRevisions
{
    public async Task<ProgrammeRevision?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var page = await session.Query<Article>().FirstOrDefaultAsync(a => a.Slug == IProgrammeRevisions.Slug && a.Kind == ArticleKind.Page, cancellationToken);
        return page is null ? null : await RevisionAtAsync(session, page.Id, (int)page.Version, cancellationToken);
    }

    public async Task<ProgrammeRevision?> FindAsync(Guid pageId, int version, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var page = await session.LoadAsync<Article>(pageId, cancellationToken);
        if (page is not { Kind: ArticleKind.Page, Slug: IProgrammeRevisions.Slug } || version < 1 || version > page.Version) return null;
        return await RevisionAtAsync(session, pageId, version, cancellationToken);
    }

    private static async Task<ProgrammeRevision?> RevisionAtAsync(IQuerySession session, Guid pageId, int version, CancellationToken ct)
    {
        var revisions = await ArticleRevisions.AllAsync(session, pageId, ct);
        if (revisions.Count == 0) return null;
        var shown = revisions.LastOrDefault(r => r.Version <= version);
        return shown is null ? null : new ProgrammeRevision(pageId, shown.Version, revisions[^1].Version, shown.RevisedAt);
    }
}
