namespace WorkersPower.Content.Articles;

/// <summary>unpublishArticle: an editor takes a published article down.</summary>
[Description("Which article to take down.")]
public sealed record UnpublishArticleInput([property: Id, Description("The article's global id.")] string ArticleId);

public sealed record UnpublishArticle(Guid ArticleId, Caller Caller)
{
    /// <summary>The rules: an article (not a page); only a published article is taken down.</summary>
    public Decision Decide(Article article, DateTimeOffset now)
    {
        if (article.Kind != ArticleKind.Article) return Decision.Refuse(ArticleRules.NoSuchArticle);
        if (article.Status is not (ArticleStatus.Published)) return Decision.Refuse(UserError.InvalidState("Only a published article can be unpublished."));
        return Decision.Accept(new ArticleUnpublished(article.Id, Caller.AccountId, now));
    }
}

public static class UnpublishArticleHandler
{
    public static Task<CommandResult> Handle(UnpublishArticle command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle, article => command.Decide(article, clock.GetUtcNow()), ct);
}

internal sealed class UnpublishArticleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<UnpublishArticleInput>>("unpublishArticle", "Take a published article down (editors).")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx => await ArticlePayload.RunAsync(ctx, ctx.Input<UnpublishArticleInput>().ArticleId, id => new UnpublishArticle(id, ctx.Caller())));
}
