namespace WorkersPower.Content.Articles;

/// <summary>One version as it was made: <paramref name="ByMemberId"/> is who made it (the author for the first), when known.</summary>
public sealed record ArticleRevision(int Version, ArticleContent Content, DateTimeOffset RevisedAt, int? RestoredFrom, Guid? ByMemberId = null);

/// <summary>Every version of an article, read back from its stream (drafts and revisions carry the whole content).</summary>
public static class ArticleRevisions
{
    public static async Task<IReadOnlyList<ArticleRevision>> AllAsync(IQuerySession session, Guid articleId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(articleId, token: ct);
        return events.Select(e => e.Data switch
        {
            ArticleDrafted d => new ArticleRevision((int)e.Version, d.Content, e.Timestamp, null, d.AuthorMemberId),
            ArticleRevised r => new ArticleRevision((int)e.Version, r.Content, e.Timestamp, r.RestoredFrom, r.ByMemberId),
            _ => null,
        }).OfType<ArticleRevision>().ToList();
    }
}

[Description("How a line changed between two versions.")]
public enum DiffKind
{
    Unchanged,
    Added,
    Removed,
}

[Description("One line of a diff.")]
public sealed record DiffLine([property: Description("Unchanged, added or removed.")] DiffKind Kind, [property: Description("The line.")] string Text);

/// <summary>A line diff (longest common subsequence), for comparing two versions of a body.</summary>
public static class LineDiff
{
    /// <summary>Beyond this many line pairs the diff falls back to "all removed, all added".</summary>
    public const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compute(string from, string to)
    {
        var a = Split(from);
        var b = Split(to);
        if ((long)a.Length * b.Length > MaxCells)
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { result.Add(new(DiffKind.Unchanged, a[x])); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) result.Add(new(DiffKind.Removed, a[x++]));
            else result.Add(new(DiffKind.Added, b[y++]));
        }
        while (x < a.Length) result.Add(new(DiffKind.Removed, a[x++]));
        while (y < b.Length) result.Add(new(DiffKind.Added, b[y++]));
        return result;
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.ReplaceLineEndings("\n").Split('\n');
}
