namespace WorkersPower.Campaigns.Actions;

/// <summary>Upcoming actions, a campaign's actions (its <c>actions</c> field) and actions by global id: actions are public.</summary>
internal sealed class ActionQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<CampaignActionType>>>("upcomingActions")
            .Description("Actions that have not started and are not cancelled, soonest first, optionally for one branch.")
            .Argument<IdGraphType>("branchId", "Only actions for this branch.")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                Guid? branch = ctx.GetArgument<string?>("branchId") is { } b ? GlobalId.TryDecode(b, "Branch") ?? Guid.Empty : null;
                return await ActionsPageAsync(ctx, null, branch, upcomingOnly: true);
            });

    /// <summary>
    /// A page of actions by start time, with their sign-up counts (kept on each action): two queries in one
    /// round trip, whatever the page size.
    /// </summary>
    internal static async Task<Connection<CampaignAction>> ActionsPageAsync(IResolveFieldContext ctx, Guid? campaignId, Guid? branchId, bool upcomingOnly)
    {
        var page = PageRequest.From(ctx);
        var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        IBatchedQueryable<CampaignAction> Filter(IBatchedQueryable<CampaignAction> q)
        {
            if (campaignId is { } c) q = q.Where(a => a.CampaignId == c);
            if (branchId is { } b) q = q.Where(a => a.BranchId == b);
            if (upcomingOnly) q = q.Where(a => a.StartsAt > now && a.Status == ActionStatus.Scheduled);
            return q;
        }
        await using var session = ctx.Session();
        return await page.PageAsync<CampaignAction>(session, Filter, a => a.SortKey, ctx.CancellationToken);
    }
}

internal sealed class CampaignActionNodeResolver : INodeResolver
{
    public string TypeName => CampaignActionType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) => await context.LoadAction(id).GetResultAsync(context.CancellationToken);

    /// <summary>Actions are public (their sign-up lists have their own rules): every one that exists, in one query.</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context) =>
        ids.LoadVisibleAsync(context.LoadAction, _ => true, context.CancellationToken);
}
