namespace WorkersPower.Content.Articles;

/// <summary>
/// PostgreSQL full-text search with English stemming over title, summary, tags and body (a GIN index on
/// the same expression), ranked by ts_rank; websearch syntax gives "phrases", -exclusions and OR.
/// Ranked results page by position (the cursor is the offset); each is an <see cref="ArticleListing"/> (no body unless asked for).
/// </summary>
internal sealed class ArticleSearch : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<ArticleType>>>("searchArticles")
            .Description("Full-text search (English stemming; \"quoted phrases\", -excluded words, OR) over the articles the caller may read, best match first.")
            .Argument<NonNullGraphType<StringGraphType>>("query", "What to look for (1 to 200 characters).")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await SearchAsync(ctx));

    private static async Task<Connection<ArticleListing>> SearchAsync(IResolveFieldContext ctx)
    {
        var text = ctx.GetArgument<string>("query").Trim();
        if (text.Length is < 1 or > 200) throw new ExecutionError("'query' must be 1 to 200 characters.") { Code = ErrorCodes.BadUserInput };
        var page = PageRequest.From(ctx).ForwardOnly();
        var offset = page.AfterKey is null ? 0
            : int.TryParse(page.AfterKey, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && o < 100_000 ? o
            : throw new ExecutionError("'after' is not a cursor of this list.") { Code = ErrorCodes.BadUserInput };
        var caller = Caller.From(ctx.User);
        var visible = caller is { Edits: true } ? ""
            : caller is not null ? " and d.status = 'Published'"
            : " and d.status = 'Published' and d.visibility = 'Public'";
        var sql = $"""
            with q as (select websearch_to_tsquery('english', ^) as query)
            select json_build_object('Id', d.id, 'Total', count(*) over ())
            from content.mt_doc_article d, q
            where to_tsvector('english', d.search_document) @@ q.query and d.kind = 'Article'{visible}
            order by ts_rank(to_tsvector('english', d.search_document), q.query) desc, d.id
            offset ^ limit ^
            """;
        await using var session = ctx.Session();
        var hits = page.First == 0 && offset == 0 ? [] : await session.AdvancedSql.QueryAsync<Hit>('^', sql, ctx.CancellationToken, text, offset, page.First + 1);
        var total = hits.Count > 0 ? hits[0].Total
            : (await session.AdvancedSql.QueryAsync<Hit>('^',
                $"select json_build_object('Id', null, 'Total', count(*)) from content.mt_doc_article d where to_tsvector('english', d.search_document) @@ websearch_to_tsquery('english', ^) and d.kind = 'Article'{visible}",
                ctx.CancellationToken, text))[0].Total;
        var ids = hits.Select(h => h.Id!.Value).ToArray();
        var loaded = ids.Length == 0 ? [] : (await session.Query<Article>().Where(a => ids.Contains(a.Id)).Select(ArticleListing.Of).ToListAsync(ctx.CancellationToken)).ToDictionary(a => a.Id);
        var rows = hits.Where(h => loaded.ContainsKey(h.Id!.Value)).Select((h, i) => (Article: loaded[h.Id!.Value], Position: offset + i + 1)).ToList();
        var connection = page.ToConnection(rows, r => r.Position.ToString(CultureInfo.InvariantCulture), total);
        return new Connection<ArticleListing>(connection.Edges.Select(e => new Edge<ArticleListing>(e.Cursor, e.Node.Article)).ToList(),
            connection.PageInfo with { HasPreviousPage = offset > 0 }, connection.TotalCount);
    }

    private sealed record Hit(Guid? Id, int Total);
}
