using GraphQL.DataLoader;

namespace WorkersPower.Content.GraphQL;

/// <summary>How the resolvers read: Content's query session, the per-request batch loaders and the visibility rule.</summary>
internal static class ContentReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    /// <summary>
    /// The module's store. A batch loader's fetch takes it from here when the loader is made, not from the context
    /// when it runs: a resolver that awaits a load (a node resolver does) lets its context be recycled while a
    /// later field's load of the same batch is still to run.
    /// </summary>
    private static IContentStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IContentStore>();

    public static IDataLoaderResult<AuthorCopy?> LoadAuthor(this IResolveFieldContext context, Guid memberId)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, AuthorCopy>("content.author", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                return (await session.LoadManyAsync<AuthorCopy>(ct, ids)).ToDictionary(a => a.Id);
            }).Load(memberId);
    }

    public static IDataLoaderResult<Article?> LoadArticle(this IResolveFieldContext context, Guid id)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, Article>("content.article", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                return (await session.LoadManyAsync<Article>(ct, ids)).ToDictionary(a => a.Id);
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
