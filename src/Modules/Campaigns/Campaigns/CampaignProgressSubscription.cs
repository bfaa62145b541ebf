namespace WorkersPower.Campaigns.Campaigns;

/// <summary>A campaign's live figures as clients read them (participants counted from <see cref="CampaignParticipant"/>).</summary>
public sealed record ProgressView(Guid CampaignId, int ActionsScheduled, int SignUps, int Attendances, int Participants, int? Goal);

/// <summary>
/// campaignProgress: a campaign's figures, then a new value on every change (see <see cref="ProgressStreams{T}"/>);
/// and the reads of progress, for the <c>progress</c> field (batched per request) and for subscriptions (once per change).
/// </summary>
internal sealed class CampaignProgressSubscription : ISchemaContributor
{
    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<CampaignProgressType>>("campaignProgress")
            .Description("A campaign's progress: the current value, then a new one on every sign-up, withdrawal, check-in and change of its actions.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId", "The campaign's global id.")
            .AllowAnonymous()
            .ResolveStream(ctx =>
            {
                var id = GlobalId.TryDecode(ctx.GetArgument<string>("campaignId"), CampaignType.TypeName)
                    ?? throw new ExecutionError("There is no such campaign.") { Code = ErrorCodes.NotFound };
                // one load per change per campaign on this node, shared by every subscriber of it
                return ctx.RequestServices!.GetRequiredService<ProgressStreams<ProgressView>>().Of(id);
            });

    /// <summary>Progress of every campaign asked for on the page, in one round trip.</summary>
    public static IDataLoaderResult<ProgressView?> LoadProgress(IResolveFieldContext context, Guid campaignId) =>
        ProgressLoader(context).Load(campaignId);

    /// <summary>The request's progress loader (see <see cref="CampaignQueries"/>: <c>campaign(slug)</c> primes it with what it read).</summary>
    public static BatchLoader<Guid, ProgressView> ProgressLoader(IResolveFieldContext context)
    {
        var store = context.RequestServices!.GetRequiredService<ICampaignsStore>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, ProgressView>("campaigns.progress", async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            return await ProgressAsync(session, ids, ct);
        });
    }

    /// <summary>The live progress of campaigns for subscriptions: one load per change per campaign, whatever the number of subscribers.</summary>
    public static ProgressStreams<ProgressView> LiveProgress(CampaignProgressFeed feed, ICampaignsStore store) =>
        new(feed, async (id, ct) =>
        {
            await using var session = store.QuerySession();
            var progress = await ProgressAsync(session, [id], ct);
            return progress.TryGetValue(id, out var p) ? p : throw new ExecutionError("There is no such campaign.") { Code = ErrorCodes.NotFound };
        });

    public static async Task<IReadOnlyDictionary<Guid, ProgressView>> ProgressAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<ProgressRow>(
            """
            select json_build_object('CampaignId', p.id, 'Data', p.data,
              'Participants', (select count(*) from campaigns.mt_doc_campaignparticipant cp where cp.campaign_id = p.id))
            from campaigns.mt_doc_campaignprogress p where p.id = any(?)
            """, ct, ids.ToArray());
        return rows.ToDictionary(r => r.CampaignId, r => new ProgressView(r.CampaignId, r.Data.ActionsScheduled, r.Data.SignUps, r.Data.Attendances, r.Participants, r.Data.Goal));
    }

    internal sealed record ProgressRow(Guid CampaignId, CampaignProgress Data, int Participants);
}

public sealed class CampaignProgressType : ObjectGraphType<ProgressView>
{
    public CampaignProgressType()
    {
        Name = "CampaignProgress";
        Description = "A campaign's live figures.";
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The campaign's global id.").Resolve(ctx => GlobalId.Encode(CampaignType.TypeName, ctx.Source.CampaignId));
        Field(x => x.ActionsScheduled).Description("Actions scheduled and not cancelled.");
        Field(x => x.SignUps).Description("Current sign-ups across its actions (cancelled actions excluded).");
        Field(x => x.Attendances).Description("Check-ins across its actions.");
        Field(x => x.Participants).Description("Distinct members who signed up for or attended any of its actions.");
        Field(x => x.Goal, nullable: true).Description("The campaign's goal.");
    }
}
