namespace WorkersPower.Content.Articles;

/// <summary>What every article and page mutation answers: the article as it is after the command, or why nothing changed.</summary>
public sealed record ArticlePayload(Article? Article) : Payload
{
    /// <summary>The answer to an id that is not an article's.</summary>
    public static ArticlePayload NoSuchArticle => new((Article?)null) { Errors = [ArticleRules.NoSuchArticle] };

    /// <summary>Runs the command <paramref name="command"/> makes for the article with the global id <paramref name="articleId"/> (NOT_FOUND when it is not an article's).</summary>
    internal static async Task<ArticlePayload> RunAsync(IResolveFieldContext ctx, string articleId, Func<Guid, object> command) =>
        ArticleType.IdOf(articleId) is { } id ? await RunAsync(ctx, command(id)) : NoSuchArticle;

    /// <summary>Runs an article's command and answers the article as it is after it.</summary>
    internal static async Task<ArticlePayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new ArticlePayload((Article?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new ArticlePayload(await session.LoadAsync<Article>(id, ctx.CancellationToken));
    }

    /// <summary>Two editors at once: the second changes nothing (no re-try: it revised a version that is gone).</summary>
    private static readonly RaceAnswers Races = new(
        new UserError(ErrorCodes.Conflict, "Someone revised the article at the same moment: reload it and apply your change again.", ["input", "expectedVersion"]),
        UserError.AlreadyExists("That slug was taken at the same moment.", "input", "slug"));
}

public sealed class ArticlePayloadType : PayloadType<ArticlePayload>
{
    public ArticlePayloadType() : base("ArticlePayload", "The article, or why nothing changed.") =>
        Field<ArticleType>("article").Description("The article.").Resolve(ctx => ctx.Source.Article);
}
