using Marten.Services.BatchQuerying;

namespace WorkersPower.Content.Articles;

[Description("Narrows the articles list.")]
public sealed record ArticleFilter(
    [property: Description("Only articles with this tag.")] string? Tag,
    [property: Id, Description("Only articles of this campaign.")] string? CampaignId,
    [property: Description("Only PUBLIC or only MEMBERS articles.")] Visibility? Visibility,
    [property: Description("Editors: articles with this status (default PUBLISHED). Others always get published ones.")] ArticleStatus? Status);

/// <summary>
/// articles (the list, newest first, each row an <see cref="ArticleListing"/>: no body unless asked for) and article (one by
/// its slug, whole), with the one visibility rule (<see cref="ContentReads.MaySee"/>).
/// </summary>
internal sealed class ArticleQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ArticleType>>>("articles")
            .Description("Published articles, newest first: public ones for everyone, members-only ones too for signed-in members; editors may ask for other statuses.")
            .Argument<AutoRegisteringInputObjectGraphType<ArticleFilter>>("filter", "Conditions.")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ArticlesPageAsync(ctx));

        query.Field<ArticleType>("article")
            .Description("An article by its slug; null when there is none or the caller may not read it.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The article's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ctx.VisibleBySlugAsync(ArticleKind.Article));
    }

    private static async Task<Connection<ArticleListing>> ArticlesPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var caller = Caller.From(ctx.User);
        var filter = ctx.GetArgument<ArticleFilter?>("filter") ?? new ArticleFilter(null, null, null, null);
        var status = caller is { Edits: true } ? filter.Status ?? ArticleStatus.Published : ArticleStatus.Published;
        Guid? campaign = filter.CampaignId is { } c ? GlobalId.TryDecode(c, "Campaign") ?? Guid.Empty : null;
        var tag = filter.Tag?.Trim().ToLowerInvariant();

        IBatchedQueryable<Article> Filtered(IBatchedQueryable<Article> q)
        {
            q = q.Where(a => a.Kind == ArticleKind.Article && a.Status == status);
            if (caller is null) q = q.Where(a => a.Visibility == Visibility.Public);
            if (filter.Visibility is { } vis) q = q.Where(a => a.Visibility == vis);
            if (campaign is { } cid) q = q.Where(a => a.CampaignId == cid);
            if (!string.IsNullOrEmpty(tag)) q = q.Where(a => a.Tags.Contains(tag));
            return q;
        }
        await using var session = ctx.Session();
        return await page.PageAsync(session, Filtered, a => a.Sequence, descending: true, ArticleListing.Of, r => r.Sequence, ctx.CancellationToken);
    }
}

/// <summary>node(id:) and nodes(ids:) for articles and pages, with the same visibility rule.</summary>
internal sealed class ArticleNodeResolver : INodeResolver
{
    public string TypeName => ArticleType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context)
    {
        var article = await context.LoadArticle(id).GetResultAsync(context.CancellationToken);
        return article is not null && ContentReads.MaySee(Caller.From(context.User), article) ? article : null;
    }

    /// <summary>Several articles in one query, with the same rule (drafts for editors, members-only ones for members).</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context)
    {
        var caller = Caller.From(context.User);
        return ids.LoadVisibleAsync(context.LoadArticle, article => ContentReads.MaySee(caller, article), context.CancellationToken);
    }
}
