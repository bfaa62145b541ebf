namespace WorkersPower.Content.Articles;

/// <summary>archiveArticle: an editor archives an article for good.</summary>
[Description("Which article to archive.")]
public sealed record ArchiveArticleInput([property: Id, Description("The article's global id.")] string ArticleId);

public sealed record ArchiveArticle(Guid ArticleId, Caller Caller)
{
    /// <summary>The rules: an article (not a page); any article not archived already is archived.</summary>
    public Decision Decide(Article article, DateTimeOffset now)
    {
        if (article.Kind != ArticleKind.Article) return Decision.Refuse(ArticleRules.NoSuchArticle);
        if (article.Status is not (ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Unpublished or ArticleStatus.Published)) return Decision.Refuse(UserError.InvalidState("The article is archived already."));
        return Decision.Accept(new ArticleArchived(article.Id, Caller.AccountId, now));
    }
}

public static class ArchiveArticleHandler
{
    public static Task<CommandResult> Handle(ArchiveArticle command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle, article => command.Decide(article, clock.GetUtcNow()), ct);
}

internal sealed class ArchiveArticleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<ArchiveArticleInput>>("archiveArticle", "Archive an article for good (editors).")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx => await ArticlePayload.RunAsync(ctx, ctx.Input<ArchiveArticleInput>().ArticleId, id => new ArchiveArticle(id, ctx.Caller())));
}
