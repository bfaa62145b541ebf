using GraphQL.DataLoader;

namespace WorkersPower.Content.GraphQL;

/// <summary>How the resolvers read: Content's query session, the per-request batch loaders and the visibility rule.</summary>
internal static class ContentReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    /// <summary>The module's store: what a batch loader's fetch holds (see <see cref="BatchLoaderExtensions.LoadDocument"/>).</summary>
    private static IContentStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IContentStore>();

    public static IDataLoaderResult<AuthorCopy?> LoadAuthor(this IResolveFieldContext context, Guid memberId) =>
        context.LoadDocument<AuthorCopy>(context.Store(), "content.author", memberId, a => a.Id);

    public static IDataLoaderResult<Article?> LoadArticle(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Article>(context.Store(), "content.article", id, a => a.Id);

    /// <summary>
    /// An article's body alone (a list's rows carry none), batched per request: one query for every body a page
    /// asks for, reading no other field. The list it came from already applied the visibility rule.
    /// </summary>
    public static IDataLoaderResult<string?> LoadArticleBody(this IResolveFieldContext context, Guid id)
    {
        var store = context.Store();
        return context.BatchLoaders().Get<Guid, string>("content.article-body", async (ids, ct) =>
        {
            var wanted = ids.ToArray();
            await using var session = store.QuerySession();
            var bodies = await session.Query<Article>().Where(a => wanted.Contains(a.Id)).Select(a => new ArticleBody(a.Id, a.Body)).ToListAsync(ct);
            return bodies.ToDictionary(b => b.Id, b => b.Body);
        }).Load(id);
    }

    /// <summary>The one visibility rule of every path: editors see all; members see published articles; everyone else published public ones.</summary>
    public static bool MaySee(Caller? caller, Article article) =>
        caller is { Edits: true }
        || (article.Status == ArticleStatus.Published && (article.Visibility == Visibility.Public || caller is not null));

    /// <summary>The article or page (<paramref name="kind"/>) with the slug argument, when the caller may see it.</summary>
    public static async Task<Article?> VisibleBySlugAsync(this IResolveFieldContext context, ArticleKind kind)
    {
        var slug = context.GetArgument<string>("slug").Trim().ToLowerInvariant();
        await using var session = context.Session();
        var article = await session.Query<Article>().FirstOrDefaultAsync(a => a.Slug == slug && a.Kind == kind, context.CancellationToken);
        return article is not null && MaySee(Caller.From(context.User), article) ? article : null;
    }
}
