namespace WorkersPower.Content.Articles;

/// <summary>submitArticleForReview: an editor sends a draft (or an unpublished article) for review.</summary>
[Description("Which draft to submit for review.")]
public sealed record SubmitArticleForReviewInput([property: Id, Description("The article's global id.")] string ArticleId);

public sealed record SubmitArticleForReview(Guid ArticleId, Caller Caller)
{
    /// <summary>The rules: an article (not a page); drafts and unpublished articles go to review.</summary>
    public Decision Decide(Article article, DateTimeOffset now)
    {
        if (article.Kind != ArticleKind.Article) return Decision.Refuse(ArticleRules.NoSuchArticle);
        if (article.Status is not (ArticleStatus.Draft or ArticleStatus.Unpublished)) return Decision.Refuse(UserError.InvalidState("Only drafts (or unpublished articles) go to review."));
        return Decision.Accept(new ArticleSubmittedForReview(article.Id, Caller.AccountId, now));
    }
}

public static class SubmitArticleForReviewHandler
{
    public static Task<CommandResult> Handle(SubmitArticleForReview command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle, article => command.Decide(article, clock.GetUtcNow()), ct);
}

internal sealed class SubmitArticleForReviewField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<SubmitArticleForReviewInput>>("submitArticleForReview", "Send a draft for review (editors).")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx => await ArticlePayload.RunAsync(ctx, ctx.Input<SubmitArticleForReviewInput>().ArticleId, id => new SubmitArticleForReview(id, ctx.Caller())));
}
