namespace WorkersPower.Content.Articles;

/// <summary>The I/O the article handlers share besides their stream (<see cref="Streams"/>): the slugs in use.</summary>
internal static class ArticleStreams
{
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
