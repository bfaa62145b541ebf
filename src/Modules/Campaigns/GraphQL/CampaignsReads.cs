namespace WorkersPower.Campaigns.GraphQL;

/// <summary>Campaigns' reads shared by its resolvers: a query session and the documents most fields need, batched per request.</summary>
internal static class CampaignsReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    /// <summary>
    /// The module's store. A batch loader's fetch takes it from here when the loader is made, not from the context
    /// when it runs: a resolver that awaits a load (a node resolver does) lets its context be recycled while a
    /// later field's load of the same batch is still to run.
    /// </summary>
    private static ICampaignsStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ICampaignsStore>();

    public static IDataLoaderResult<Campaign?> LoadCampaign(this IResolveFieldContext context, Guid id)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, Campaign>("campaigns.campaign", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                return (await session.LoadManyAsync<Campaign>(ct, ids)).ToDictionary(c => c.Id);
            }).Load(id);
    }

    public static IDataLoaderResult<CampaignAction?> LoadAction(this IResolveFieldContext context, Guid id)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, CampaignAction>("campaigns.action", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                return (await session.LoadManyAsync<CampaignAction>(ct, ids)).ToDictionary(a => a.Id);
            }).Load(id);
    }

    public static IDataLoaderResult<CampaignMember?> LoadMember(this IResolveFieldContext context, Guid id)
    {
        var store = context.Store(); // now: the fetch may run once this field's context is recycled
        return context.BatchLoaders().Get<Guid, CampaignMember>("campaigns.member", async (ids, ct) =>
            {
                await using var session = store.QuerySession();
                return (await session.LoadManyAsync<CampaignMember>(ct, ids)).ToDictionary(m => m.Id);
            }).Load(id);
    }
}
