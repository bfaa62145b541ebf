namespace WorkersPower.Content.Articles;

/// <summary>The I/O the article handlers share: an article's stream fetched for writing, and the slugs in use.</summary>
internal static class ArticleStreams
{
    /// <summary>Fetches the article for writing, lets <paramref name="decide"/> decide, appends its events and answers (NOT_FOUND when there is no such article).</summary>
    public static Task<CommandResult> DecideAsync(IDocumentSession session, Guid articleId, Func<Article, Decision> decide, CancellationToken ct) =>
        DecideAsync(session, articleId, article => Task.FromResult(decide(article)), ct);

    /// <summary>As the other, for a decision that needs more read first (<paramref name="decide"/> reads it, given the article).</summary>
    public static async Task<CommandResult> DecideAsync(IDocumentSession session, Guid articleId, Func<Article, Task<Decision>> decide, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Article>(articleId, ct);
        if (stream.Aggregate is not { } article) return CommandResult.Refused(ArticleRules.NoSuchArticle);
        var decision = await decide(article);
        stream.AppendMany(decision.Events);
        return decision.ToResult(article.Id);
    }

    /// <summary>
    /// <paramref name="slug"/> if an article or page has it, and when <paramref name="numbered"/> the slugs in use that
    /// start with it and a hyphen too (what <see cref="Slugs.FirstFree"/> needs).
    /// </summary>
    public static async Task<IReadOnlyList<string>> TakenSlugsAsync(IQuerySession session, string slug, bool numbered, CancellationToken ct)
    {
        if (!numbered) return await session.Query<Article>().AnyAsync(a => a.Slug == slug, ct) ? [slug] : [];
        var prefix = slug + "-";
        return await session.Query<Article>().Where(a => a.Slug == slug || a.Slug.StartsWith(prefix)).Select(a => a.Slug).ToListAsync(ct);
    }
}
