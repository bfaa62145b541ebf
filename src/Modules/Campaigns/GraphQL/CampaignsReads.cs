namespace WorkersPower.Campaigns.GraphQL;

/// <summary>Campaigns' reads shared by its resolvers: a query session and the documents most fields need, batched per request.</summary>
internal static class CampaignsReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    /// <summary>The module's store: what a batch loader's fetch holds (see <see cref="BatchLoaderExtensions.LoadDocument"/>).</summary>
    private static ICampaignsStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ICampaignsStore>();

    public static IDataLoaderResult<Campaign?> LoadCampaign(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Campaign>(context.Store(), "campaigns.campaign", id, c => c.Id);

    public static IDataLoaderResult<CampaignAction?> LoadAction(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<CampaignAction>(context.Store(), "campaigns.action", id, a => a.Id);

    public static IDataLoaderResult<CampaignMember?> LoadMember(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<CampaignMember>(context.Store(), "campaigns.member", id, m => m.Id);

    /// <summary>
    /// The members holding CAMPAIGN_ORGANISER on each campaign asked for in the request: Membership's answer
    /// (<see cref="ICampaignOrganisers"/>), one question per campaign, each asked once per request.
    /// </summary>
    public static IDataLoaderResult<IReadOnlyList<Guid>?> LoadCampaignOrganisers(this IResolveFieldContext context, Guid campaignId)
    {
        var organisers = context.RequestServices!.GetRequiredService<ICampaignOrganisers>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, IReadOnlyList<Guid>>("campaigns.organisers", async (ids, ct) =>
        {
            var holders = new Dictionary<Guid, IReadOnlyList<Guid>>();
            foreach (var id in ids) holders[id] = await organisers.MemberIdsAsync(id, ct);
            return holders;
        }).Load(campaignId);
    }
}
