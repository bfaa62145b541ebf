namespace WorkersPower.Campaigns.GraphQL;

/// <summary>Campaigns' reads shared by its resolvers: a query session and the documents most fields need, batched per request.</summary>
internal static class CampaignsReads
{
    public static IQuerySession Session(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<ICampaignsStore>().QuerySession();

    public static IDataLoaderResult<Campaign?> LoadCampaign(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, Campaign>("campaigns.campaign", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<Campaign>(ct, ids)).ToDictionary(c => c.Id);
        }).Load(id);

    public static IDataLoaderResult<CampaignAction?> LoadAction(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, CampaignAction>("campaigns.action", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<CampaignAction>(ct, ids)).ToDictionary(a => a.Id);
        }).Load(id);

    public static IDataLoaderResult<CampaignMember?> LoadMember(this IResolveFieldContext context, Guid id) =>
        context.BatchLoaders().Get<Guid, CampaignMember>("campaigns.member", async (ids, ct) =>
        {
            await using var session = context.Session();
            return (await session.LoadManyAsync<CampaignMember>(ct, ids)).ToDictionary(m => m.Id);
        }).Load(id);
}
