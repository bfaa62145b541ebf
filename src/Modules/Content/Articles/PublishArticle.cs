namespace WorkersPower.Content.Articles;

/// <summary>publishArticle: an editor publishes an article; its slug is fixed from then on.</summary>
[Description("Which article to publish.")]
public sealed record PublishArticleInput([property: Id, Description("The article's global id.")] string ArticleId);

public sealed record PublishArticle(Guid ArticleId, Caller Caller)
{
    /// <summary>The rules: an article (not a page); drafts, articles in review and unpublished ones are published; not one published already or archived.</summary>
    public Decision Decide(Article article, DateTimeOffset now)
    {
        if (article.Kind != ArticleKind.Article) return Decision.Refuse(ArticleRules.NoSuchArticle);
        if (article.Status is not (ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Unpublished)) return Decision.Refuse(UserError.InvalidState("The article is published already, or archived."));
        return Decision.Accept(new ArticlePublished(article.Id, Caller.AccountId, now));
    }
}

public static class PublishArticleHandler
{
    public static Task<CommandResult> Handle(PublishArticle command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle, article => command.Decide(article, clock.GetUtcNow()), ct);
}

internal sealed class PublishArticleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<PublishArticleInput>>("publishArticle", "Publish an article (editors); its slug is fixed from then on.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx => await ArticlePayload.RunAsync(ctx, ctx.Input<PublishArticleInput>().ArticleId, id => new PublishArticle(id, ctx.Caller())));
}
