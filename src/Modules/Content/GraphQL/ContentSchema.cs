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

public sealed record ArticlePayload(Article? Article) : Payload;

public sealed class ArticlePayloadType : PayloadType<ArticlePayload>
{
    public ArticlePayloadType() : base("ArticlePayload", "The article, or why nothing changed.") =>
        Field<ArticleType>("article").Description("The article.").Resolve(ctx => ctx.Source.Article);
}

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

public sealed class ArticleInput
{
    public string? ArticleId { get; set; }
    public long? ExpectedVersion { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
    public string? Summary { get; set; }
    public List<string>? Tags { get; set; }
    public Visibility? Visibility { get; set; }
    public string? CampaignId { get; set; }
    public string? Slug { get; set; }
    public int? Version { get; set; }
}

public sealed class DraftArticleInputType : InputObjectGraphType<ArticleInput>
{
    public DraftArticleInputType()
    {
        Name = "DraftArticleInput";
        Description = "A new draft.";
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("The title (up to 300 characters).");
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("The text in Markdown (up to 200000 characters).");
        Field(x => x.Summary, nullable: true).Description("A short summary (up to 1000 characters).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags (up to 20).");
        Field<VisibilityEnum>("visibility").Description("PUBLIC (default) or MEMBERS.");
        Field(x => x.CampaignId, type: typeof(IdGraphType)).Description("The campaign it belongs to.");
        Field(x => x.Slug, nullable: true).Description("Its address; made from the title when omitted.");
    }
}

public sealed class ReviseArticleInputType : InputObjectGraphType<ArticleInput>
{
    public ReviseArticleInputType()
    {
        Name = "ReviseArticleInput";
        Description = "A new version; omitted fields stay. A stale expectedVersion changes nothing (CONFLICT).";
        Field(x => x.ArticleId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The article's global id.");
        Field(x => x.ExpectedVersion, type: typeof(NonNullGraphType<IntGraphType>)).Description("The version the change was made against (Article.version).");
        Field(x => x.Title, nullable: true).Description("The title.");
        Field(x => x.Body, nullable: true).Description("The text in Markdown.");
        Field(x => x.Summary, nullable: true).Description("A short summary.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tags (replaces them).");
        Field<VisibilityEnum>("visibility").Description("PUBLIC or MEMBERS.");
        Field(x => x.Slug, nullable: true).Description("A new slug (only before it is first published).");
    }
}

public sealed class PublishArticleInputType() : ArticleIdInputTypeBase("PublishArticleInput", "Which article to publish.");
public sealed class UnpublishArticleInputType() : ArticleIdInputTypeBase("UnpublishArticleInput", "Which article to take down.");
public sealed class SubmitArticleForReviewInputType() : ArticleIdInputTypeBase("SubmitArticleForReviewInput", "Which draft to submit for review.");
public sealed class ArchiveArticleInputType() : ArticleIdInputTypeBase("ArchiveArticleInput", "Which article to archive.");

public abstract class ArticleIdInputTypeBase : InputObjectGraphType<ArticleInput>
{
    protected ArticleIdInputTypeBase(string name, string description)
    {
        Name = name;
        Description = description;
        Field(x => x.ArticleId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The article's global id.");
    }
}

public sealed class RestoreArticleRevisionInputType : InputObjectGraphType<ArticleInput>
{
    public RestoreArticleRevisionInputType()
    {
        Name = "RestoreArticleRevisionInput";
        Description = "Make an earlier version current again, as a new version.";
        Field(x => x.ArticleId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The article's global id.");
        Field(x => x.Version, type: typeof(NonNullGraphType<IntGraphType>)).Description("The version to restore.");
        Field(x => x.ExpectedVersion, type: typeof(NonNullGraphType<IntGraphType>)).Description("The article's current version.");
    }
}

public sealed class SavePageInputType : InputObjectGraphType<ArticleInput>
{
    public SavePageInputType()
    {
        Name = "SavePageInput";
        Description = "A standing page (about us, the programme, how to join): created when its slug is new, else revised.";
        Field(x => x.Slug, type: typeof(NonNullGraphType<StringGraphType>)).Description("The page's slug, e.g. \"the-programme\".");
        Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("The title.");
        Field(x => x.Body, type: typeof(NonNullGraphType<StringGraphType>)).Description("The text in Markdown.");
        Field(x => x.ExpectedVersion, type: typeof(IntGraphType)).Description("The page's current version when revising (omit when creating).");
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

    public void AddMutationFields(ObjectGraphType mutation)
    {
        Mutation<DraftArticleInputType>(mutation, "draftArticle", "Start a draft (editors).", (i, a) =>
            new DraftArticle(ArticleKind.Article, i.Title ?? "", i.Body ?? "", i.Summary, i.Tags, i.Visibility,
                i.CampaignId is { } c ? GlobalId.TryDecode(c, "Campaign") ?? Guid.Empty : null, i.Slug, a));
        Mutation<ReviseArticleInputType>(mutation, "reviseArticle", "Revise an article against the version you read (editors); a stale expectedVersion gets CONFLICT and changes nothing.", (i, a) =>
            Id(i.ArticleId) is { } id ? new ReviseArticle(id, i.ExpectedVersion ?? -1, i.Title, i.Body, i.Summary, i.Tags, i.Visibility, i.Slug, a) : null);
        Mutation<SubmitArticleForReviewInputType>(mutation, "submitArticleForReview", "Send a draft for review (editors).", (i, a) => Id(i.ArticleId) is { } id ? new SubmitArticleForReview(id, a) : null);
        Mutation<PublishArticleInputType>(mutation, "publishArticle", "Publish an article (editors); its slug is fixed from then on.", (i, a) => Id(i.ArticleId) is { } id ? new PublishArticle(id, a) : null);
        Mutation<UnpublishArticleInputType>(mutation, "unpublishArticle", "Take a published article down (editors).", (i, a) => Id(i.ArticleId) is { } id ? new UnpublishArticle(id, a) : null);
        Mutation<ArchiveArticleInputType>(mutation, "archiveArticle", "Archive an article for good (editors).", (i, a) => Id(i.ArticleId) is { } id ? new ArchiveArticle(id, a) : null);
        Mutation<RestoreArticleRevisionInputType>(mutation, "restoreArticleRevision", "Make an earlier version current again, as a new version (editors).", (i, a) =>
            Id(i.ArticleId) is { } id ? new RestoreArticleRevision(id, i.ExpectedVersion ?? -1, i.Version ?? 0, a) : null);

        mutation.Field<NonNullGraphType<ArticlePayloadType>>("savePage")
            .Description("Create or revise a standing page (editors), with the same revision history as articles.")
            .Argument<NonNullGraphType<SavePageInputType>>("input", "The page.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ArticleInput>("input");
                var actor = Caller.From(ctx.User)!;
                var slug = (input.Slug ?? "").Trim().ToLowerInvariant();
                Article? existing;
                await using (var session = ctx.Session())
                    existing = await session.Query<Article>().FirstOrDefaultAsync(a => a.Slug == slug, ctx.CancellationToken);
                if (existing is { Kind: ArticleKind.Article })
                    return new ArticlePayload(null) { Errors = [UserError.AlreadyExists("An article has this slug.", "input", "slug")] };
                object command = existing is null
                    ? new DraftArticle(ArticleKind.Page, input.Title ?? "", input.Body ?? "", null, [], Visibility.Public, null, slug, actor)
                    : new ReviseArticle(existing.Id, input.ExpectedVersion ?? -1, input.Title, input.Body, null, null, null, null, actor);
                return await RunAsync(ctx, command);
            });
    }

    private static Guid? Id(string? id) => GlobalId.TryDecode(id, ArticleType.TypeName);

    private static void Mutation<TInputType>(ObjectGraphType mutation, string name, string description, Func<ArticleInput, Caller, object?> command)
        where TInputType : IInputObjectGraphType =>
        mutation.Field<NonNullGraphType<ArticlePayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to do.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var c = command(ctx.GetArgument<ArticleInput>("input"), Caller.From(ctx.User)!);
                return c is null ? new ArticlePayload(null) { Errors = [UserError.NotFound("There is no such article.", "input", "articleId")] } : await RunAsync(ctx, c);
            });

    private static async Task<ArticlePayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        CommandResult result;
        try
        {
            result = await ctx.RequestServices!.GetRequiredService<IMessageBus>().InvokeAsync<CommandResult>(command, ctx.CancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
        {
            return new ArticlePayload(null) { Errors = [new UserError(ErrorCodes.Conflict, "Someone revised the article at the same moment: reload it and apply your change again.", ["input", "expectedVersion"])] };
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return new ArticlePayload(null) { Errors = [UserError.AlreadyExists("That slug was taken at the same moment.", "input", "slug")] };
        }
        if (result.Id is not { } id) return new ArticlePayload(null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new ArticlePayload(await session.LoadAsync<Article>(id, ctx.CancellationToken));
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
