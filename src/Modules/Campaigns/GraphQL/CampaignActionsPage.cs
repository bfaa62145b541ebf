namespace WorkersPower.Campaigns.GraphQL;

/// <summary>
/// A campaign's <c>actions</c> (the campaign page): a page by start time and the total, in one round trip, as plain
/// SQL over the action table's duplicated columns (Marten's LINQ would be translated again on every request), read
/// as one JSON document. For an anonymous caller the rows are read without the lists of who signed up, withdrew and
/// attended (they grow with every sign-up, and an anonymous caller sees nothing that needs them: <c>mySignUp</c> is
/// null for them, and the sign-up lists need an organiser); a signed-in caller gets whole actions, as
/// <c>mySignUp</c> reads those lists.
/// </summary>
internal static class CampaignActionsPage
{
    public static async Task<Connection<CampaignAction>> PageAsync(IResolveFieldContext ctx, Guid campaignId, bool upcomingOnly)
    {
        var page = PageRequest.From(ctx);
        var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        var where = upcomingOnly ? "d.campaign_id = ? and d.starts_at > ? and d.status = ?" : "d.campaign_id = ?";
        object[] values = upcomingOnly ? [campaignId, now, nameof(ActionStatus.Scheduled)] : [campaignId];
        var keyset = page.AfterKey is null ? "" : page.Backward ? " and d.sort_key < ?" : " and d.sort_key > ?";
        var order = page.Backward ? "desc" : "asc";
        var row = ctx.User?.Identity?.IsAuthenticated == true ? "d.data" : "d.data - 'SignedUp' - 'Withdrawn' - 'Attended'";
        var sql = $"""
            select json_build_object(
              'Total', (select count(*) from {CampaignsModule.Schema}.mt_doc_campaignaction d where {where}),
              'Rows', coalesce((select json_agg(r.row order by r.sort_key {order}) from (
                select d.sort_key, {row} || jsonb_build_object('Version', d.mt_version) as row
                from {CampaignsModule.Schema}.mt_doc_campaignaction d where {where}{keyset}
                order by d.sort_key {order} limit ?) r), '[]'))
            """;
        object[] parameters = [.. values, .. values, .. page.AfterKey is { } after ? new object[] { after } : [], page.First == 0 ? 0 : page.First + 1];
        await using var session = ctx.Session();
        var result = (await session.AdvancedSql.QueryAsync<ActionsPage>(sql, ctx.CancellationToken, parameters))[0];
        return page.ToConnection(result.Rows, a => a.SortKey, result.Total);
    }

    private sealed record ActionsPage(int Total, IReadOnlyList<CampaignAction> Rows);
}
