using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Content.GraphQL;

public sealed class ArticleFilter
{
    public string? Tag { get; set; }
    public string? CampaignId { get; set; }
    public Visibility? Visibility { get; set; }
    public ArticleStatus? Status { get; set; }
}

public sealed class ArticleFilterType : InputObjectGraphType<ArticleFilter>
{
    public ArticleFilterType()
    {
        Name = "ArticleFilter";
        Description = "Narrows the articles list.";
        Field(x => x.Tag, nullable: true).Description("Only articles with this tag.");
        Field(x => x.CampaignId, type: typeof(IdGraphType)).Description("Only articles of this campaign.");
        Field<VisibilityEnum>("visibility").Description("Only PUBLIC or only MEMBERS articles.");
        Field<ArticleStatusEnum>("status").Description("Editors: articles with this status (default PUBLISHED). Others always get published ones.");
    }
}

internal sealed class ContentSchema : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ArticleType>>>("articles")
            .Description("Published articles, newest first: public ones for everyone, members-only ones too for signed-in members; editors may ask for other statuses.")
            .Argument<ArticleFilterType>("filter", "Conditions.")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ArticlesPageAsync(ctx));

        query.Field<ArticleType>("article")
            .Description("An article by its slug; null when there is none or the caller may not read it.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The article's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await BySlugAsync(ctx, ArticleKind.Article));

        query.Field<ArticleType>("page")
            .Description("A standing page by its slug (about us, the programme, how to join).")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The page's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await BySlugAsync(ctx, ArticleKind.Page));

        query.Field<NonNullGraphType<ConnectionType<ArticleType>>>("searchArticles")
            .Description("Full-text search (English stemming; \"quoted phrases\", -excluded words, OR) over the articles the caller may read, best match first.")
            .Argument<NonNullGraphType<StringGraphType>>("query", "What to look for (1 to 200 characters).")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ArticleSearch.SearchAsync(ctx));

        query.Field<ArticleDiffType>("articleDiff")
            .Description("How an article changed between two versions (editors).")
            .Argument<NonNullGraphType<IdGraphType>>("articleId", "The article's global id.")
            .Argument<NonNullGraphType<IntGraphType>>("from", "The older version.")
            .Argument<NonNullGraphType<IntGraphType>>("to", "The newer version.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.GetArgument<string>("articleId"), ArticleType.TypeName) is not { } id) return null;
                await using var session = ctx.Session();
                var revisions = await ArticleRevisions.AllAsync(session, id, ctx.CancellationToken);
                var from = revisions.FirstOrDefault(r => r.Version == ctx.GetArgument<int>("from"));
                var to = revisions.FirstOrDefault(r => r.Version == ctx.GetArgument<int>("to"));
                if (from is null || to is null) throw new ExecutionError("There is no such version of this article.") { Code = ErrorCodes.BadUserInput };
                return new ArticleDiff(from.Version, to.Version, from.Content.Title, to.Content.Title, LineDiff.Compute(from.Content.Body, to.Content.Body));
            });
    }

    private static async Task<Article?> BySlugAsync(IResolveFieldContext ctx, ArticleKind kind)
    {
        var slug = ctx.GetArgument<string>("slug").Trim().ToLowerInvariant();
        await using var session = ctx.Session();
        var article = await session.Query<Article>().FirstOrDefaultAsync(a => a.Slug == slug && a.Kind == kind, ctx.CancellationToken);
        return article is not null && ContentReads.MaySee(Caller.From(ctx.User), article) ? article : null;
    }

    private static async Task<Connection<Article>> ArticlesPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var actor = Caller.From(ctx.User);
        var filter = ctx.GetArgument<ArticleFilter?>("filter") ?? new ArticleFilter();
        var status = actor is { Edits: true } ? filter.Status ?? ArticleStatus.Published : ArticleStatus.Published;
        Guid? campaign = filter.CampaignId is { } c ? GlobalId.TryDecode(c, "Campaign") ?? Guid.Empty : null;
        var tag = filter.Tag?.Trim().ToLowerInvariant();

        IBatchedQueryable<Article> Filtered(IBatchedQueryable<Article> q)
        {
            q = q.Where(a => a.Kind == ArticleKind.Article && a.Status == status);
            if (actor is null) q = q.Where(a => a.Visibility == Visibility.Public);
            if (filter.Visibility is { } vis) q = q.Where(a => a.Visibility == vis);
            if (campaign is { } cid) q = q.Where(a => a.CampaignId == cid);
            if (!string.IsNullOrEmpty(tag)) q = q.Where(a => a.Tags.Contains(tag));
            return q;
        }
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = Filtered(batch.Query<Article>()).Count();
        var query = Filtered(batch.Query<Article>());
        var rows = page.First == 0 ? Task.FromResult<IReadOnlyList<Article>>([]) : page.Keyset(query, a => a.Sequence, descending: true).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, a => a.Sequence.ToString(CultureInfo.InvariantCulture), (int)await total);
    }
}

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
        var actor = Caller.From(context.User);
        return ids.LoadVisibleAsync(context.LoadArticle, article => ContentReads.MaySee(actor, article), context.CancellationToken);
    }
}
