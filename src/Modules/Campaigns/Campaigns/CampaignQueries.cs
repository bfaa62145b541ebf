namespace WorkersPower.Campaigns.Campaigns;

/// <summary>The campaigns list, a campaign by its slug, and campaigns by global id (node, nodes): campaigns are public.</summary>
internal sealed class CampaignQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<CampaignType>>>("campaigns")
            .Description("Campaigns, newest first; ACTIVE ones unless another status is asked for.")
            .Argument<EnumerationGraphType<CampaignStatus>>("status", "Only campaigns with this status (default ACTIVE).")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await CampaignsPageAsync(ctx));

        query.Field<CampaignType>("campaign")
            .Description("A campaign by its slug; null when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The campaign's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var slug = ctx.GetArgument<string>("slug").Trim().ToLowerInvariant();
                await using var session = ctx.Session();
                return await BySlugAsync(ctx, session, slug, ctx.CancellationToken);
            });
    }

    /// <summary>
    /// The campaign with this slug and its progress, in one round trip: the progress primes the request's progress
    /// loader, so a page that shows both (the campaign page) reads them together. Plain SQL, as LINQ would be
    /// translated again on every request.
    /// </summary>
    internal static async Task<Campaign?> BySlugAsync(IResolveFieldContext ctx, IQuerySession session, string slug, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<CampaignWithProgress>(
            """
            select json_build_object('Campaign', c.data, 'Version', c.mt_version, 'Progress', p.data,
              'Participants', case when p.id is null then 0 else (select count(*) from campaigns.mt_doc_campaignparticipant cp where cp.campaign_id = c.id) end)
            from campaigns.mt_doc_campaign c left join campaigns.mt_doc_campaignprogress p on p.id = c.id
            where c.data ->> 'Slug' = ?
            """, ct, slug);
        if (rows.Count == 0) return null;
        var row = rows[0];
        var campaign = row.Campaign;
        campaign.Version = row.Version;
        CampaignProgressSubscription.ProgressLoader(ctx).Prime(campaign.Id, row.Progress is { } p
            ? new ProgressView(campaign.Id, p.ActionsScheduled, p.SignUps, p.Attendances, row.Participants, p.Goal)
            : null);
        return campaign;
    }

    internal sealed record CampaignWithProgress(Campaign Campaign, long Version, CampaignProgress? Progress, int Participants);

    /// <summary>A page of campaigns with one status, newest first, and their total: one round trip.</summary>
    private static async Task<Connection<Campaign>> CampaignsPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var status = ctx.GetArgument<CampaignStatus?>("status") ?? CampaignStatus.Active;
        await using var session = ctx.Session();
        return await page.PageAsync<Campaign>(session, q => q.Where(c => c.Status == status), c => c.Sequence, descending: true, ctx.CancellationToken);
    }
}

internal sealed class CampaignNodeResolver : INodeResolver
{
    public string TypeName => CampaignType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) => await context.LoadCampaign(id).GetResultAsync(context.CancellationToken);

    /// <summary>Campaigns are public: every one that exists, in one query.</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context) =>
        ids.LoadVisibleAsync(context.LoadCampaign, _ => true, context.CancellationToken);
}
