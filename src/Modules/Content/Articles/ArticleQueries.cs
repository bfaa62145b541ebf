using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WorkersPower.Content.Articles;

[Description("Narrows the articles list.")]
public sealed record ArticleFilter(
    [property: Description("Only articles with this tag.")] string? Tag,
    [property: Id, Description("Only articles of this campaign.")] string? CampaignId,
    [property: Description("Only PUBLIC or only MEMBERS articles.")] Visibility? Visibility,
    [property: Description("Editors: articles with this status (default PUBLISHED). Others always get published ones.")] ArticleStatus? Status);

/// <summary>
/// articles (the list, newest first, each row an <see cref="ArticleListing"/>: no body unless asked for) and article (one by
/// its slug, whole), with the one visibility rule (<see cref="ContentReads.MaySee"/>).
/// </summary>
internal sealed class ArticleQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ArticleType>>>("articles")
            .Description("Published articles, newest first: public ones for everyone, members-only ones too for signed-in members; editors may ask for other statuses.")
            .Argument<AutoRegisteringInputObjectGraphType<ArticleFilter>>("filter", "Conditions.")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ArticlesPageAsync(ctx));

        query.Field<ArticleType>("article")
            .Description("An article by its slug; null when there is none or the caller may not read it.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The article's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ctx.VisibleBySlugAsync(ArticleKind.Article));
    }

    /// <summary>
    /// A page of the list and its total in one round trip, as plain SQL over the article table's duplicated columns:
    /// Marten's LINQ would be translated again on every request (about a quarter of what the list allocated), and
    /// the list is the public site's most read query. The rows carry only what <see cref="ArticleListing"/> holds
    /// (the body stays in PostgreSQL), read as one JSON document: the total and the rows in the list's order. The
    /// total is counted at most every few seconds per list on each node (<see cref="ArticleTotals"/>).
    /// </summary>
    private static async Task<Connection<ArticleListing>> ArticlesPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var caller = Caller.From(ctx.User);
        var filter = ctx.GetArgument<ArticleFilter?>("filter") ?? new ArticleFilter(null, null, null, null);
        var status = caller is { Edits: true } ? filter.Status ?? ArticleStatus.Published : ArticleStatus.Published;
        Guid? campaign = filter.CampaignId is { } c ? GlobalId.TryDecode(c, "Campaign") ?? Guid.Empty : null;
        var tag = filter.Tag?.Trim().ToLowerInvariant();
        long? after = page.AfterKey is null ? null
            : long.TryParse(page.AfterKey, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key) ? key
            : throw new ExecutionError("The cursor is not one of this list.") { Code = ErrorCodes.BadUserInput };

        // The conditions (their values in order, given twice: for the total and for the page)
        var where = new StringBuilder("d.kind = ? and d.status = ?");
        var values = new List<object> { nameof(ArticleKind.Article), status.ToString() };
        if (caller is null) Condition(" and d.visibility = ?", nameof(Visibility.Public));
        if (filter.Visibility is { } visibility) Condition(" and d.visibility = ?", visibility.ToString());
        if (campaign is { } campaignId) Condition(" and CAST(d.data ->> 'CampaignId' as uuid) = ?", campaignId);
        if (!string.IsNullOrEmpty(tag)) Condition(" and d.data @> CAST(? as jsonb)", JsonSerializer.Serialize(new { Tags = new[] { tag } }));
        void Condition(string sql, object value)
        {
            where.Append(sql);
            values.Add(value);
        }

        // Newest first; a backward page reads the other way from its cursor and is put back in order by ToConnection.
        var newestFirst = !page.Backward;
        var keyset = after is null ? "" : newestFirst ? " and d.sequence < ?" : " and d.sequence > ?";
        // The total: this node's, when it counted the same list in the last few seconds (ArticleTotals)
        var totals = ctx.RequestServices!.GetRequiredService<ArticleTotals>();
        var list = $"{where}|{string.Join('|', values)}";
        var generation = totals.Generation;
        var counted = !totals.TryGet(list, out var known);
        var total = counted ? $"(select count(*) from {ContentModule.Schema}.mt_doc_article d where {where})" : "CAST(? as integer)";
        var sql = $"""
            select json_build_object(
              'Total', {total},
              'Rows', coalesce((select json_agg(r.row order by r.sequence {(newestFirst ? "desc" : "asc")}) from (
                select d.sequence, json_build_object('Id', d.id, 'Version', d.mt_version, 'Slug', d.data -> 'Slug', 'Title', d.data -> 'Title',
                  'Summary', d.data -> 'Summary', 'Tags', d.data -> 'Tags', 'Visibility', d.visibility, 'Status', d.status,
                  'CampaignId', d.data -> 'CampaignId', 'AuthorMemberId', d.data -> 'AuthorMemberId', 'UpdatedAt', d.data -> 'UpdatedAt',
                  'PublishedAt', d.data -> 'PublishedAt', 'Sequence', d.sequence) as row
                from {ContentModule.Schema}.mt_doc_article d where {where}{keyset}
                order by d.sequence {(newestFirst ? "desc" : "asc")} limit ?) r), '[]'))
            """;
        object[] parameters = [.. counted ? values : [known], .. values, .. after is { } a ? new object[] { a } : [], page.First == 0 ? 0 : page.First + 1];
        await using var session = ctx.Session();
        var result = (await session.AdvancedSql.QueryAsync<ArticlePage>(sql, ctx.CancellationToken, parameters))[0];
        if (counted) totals.Keep(list, result.Total, generation);
        return page.ToConnection(result.Rows, r => r.Sequence.ToString(CultureInfo.InvariantCulture), result.Total);
    }

    private sealed record ArticlePage(int Total, IReadOnlyList<ArticleListing> Rows);
}

/// <summary>node(id:) and nodes(ids:) for articles and pages, with the same visibility rule.</summary>
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
        var caller = Caller.From(context.User);
        return ids.LoadVisibleAsync(context.LoadArticle, article => ContentReads.MaySee(caller, article), context.CancellationToken);
    }
}
