namespace WorkersPower.Decisions.GraphQL;

/// <summary>The lists of a meeting (its motions, its ballots) and motions by id or by amendment, batched per request.</summary>
internal static class MeetingLists
{
    private static IDecisionsStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IDecisionsStore>();

    public static global::GraphQL.DataLoader.IDataLoaderResult<Motions.Motion?> LoadMotion(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Motions.Motion>(context.Store(), "decisions.motion", id, m => m.Id);

    /// <summary>A meeting's motions in the order submitted: the motions of every meeting a request shows, in one query.</summary>
    public static global::GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<Motions.Motion>> LoadMotionsOf(this IResolveFieldContext context, Guid meetingId)
    {
        var store = context.Store();
        return context.BatchLoaders().Get<Guid, IReadOnlyList<Motions.Motion>>("decisions.meeting-motions", async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            var motions = await session.Query<Motions.Motion>().Where(m => m.MeetingId.IsOneOf(ids.ToArray())).OrderBy(m => m.Sequence).ToListAsync(ct);
            return motions.GroupBy(m => m.MeetingId).ToDictionary(g => g.Key, g => (IReadOnlyList<Motions.Motion>)g.ToList());
        }).Load(meetingId).Then(l => l ?? []);
    }

    /// <summary>A meeting's ballots in the order defined: the ballots of every meeting a request shows, in one query.</summary>
    public static global::GraphQL.DataLoader.IDataLoaderResult<IReadOnlyList<Ballot>> LoadBallotsOf(this IResolveFieldContext context, Guid meetingId)
    {
        var store = context.Store();
        return context.BatchLoaders().Get<Guid, IReadOnlyList<Ballot>>("decisions.meeting-ballots", async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            var ballots = await session.Query<Ballot>().Where(b => b.MeetingId.IsOneOf(ids.ToArray())).OrderBy(b => b.Sequence).ToListAsync(ct);
            return ballots.GroupBy(b => b.MeetingId).ToDictionary(g => g.Key, g => (IReadOnlyList<Ballot>)g.ToList());
        }).Load(meetingId).Then(l => l ?? []);
    }

    /// <summary>The motion an amendment belongs to (null: none).</summary>
    public static async Task<Motions.Motion?> MotionOfAmendmentAsync(this IResolveFieldContext context, Guid amendmentId)
    {
        await using var session = context.Store().QuerySession();
        return await Motions.MotionLookup.OfAmendmentAsync(session, amendmentId, context.CancellationToken) is { } id
            ? await context.LoadMotion(id).GetResultAsync(context.CancellationToken)
            : null;
    }
}
