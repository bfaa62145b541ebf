using GraphQL.DataLoader;
using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.GraphQL;

/// <summary>Decisions' reads shared by its resolvers: the store's documents and the members' names, batched per request.</summary>
internal static class DecisionsReads
{
    public static IQuerySession Session(this IResolveFieldContext context) => context.Store().QuerySession();

    private static IDecisionsStore Store(this IResolveFieldContext context) => context.RequestServices!.GetRequiredService<IDecisionsStore>();

    public static IDataLoaderResult<Meetings.Meeting?> LoadMeeting(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Meetings.Meeting>(context.Store(), "decisions.meeting", id, m => m.Id);

    public static IDataLoaderResult<Ballots.Ballot?> LoadBallot(this IResolveFieldContext context, Guid id) =>
        context.LoadDocument<Ballots.Ballot>(context.Store(), "decisions.ballot", id, b => b.Id);

    /// <summary>
    /// The member as a participant (null for an unknown id): Membership's name for them (<see cref="IElectorate.NamesAsync"/>),
    /// all the names a request needs asked in one question.
    /// </summary>
    public static IDataLoaderResult<Participant?> LoadParticipant(this IResolveFieldContext context, Guid memberId)
    {
        var electorate = context.RequestServices!.GetRequiredService<IElectorate>(); // the fetch may run once this context is recycled
        return context.BatchLoaders().Get<Guid, Participant>("decisions.participants", async (ids, ct) =>
        {
            var names = await electorate.NamesAsync(ids, ct);
            return names.ToDictionary(n => n.Key, n => new Participant(n.Key, n.Value));
        }).Load(memberId);
    }

    /// <summary>The members, as participants, in the order given (unknown ids left out).</summary>
    public static async Task<IReadOnlyList<Participant>> LoadParticipantsAsync(this IResolveFieldContext context, IEnumerable<Guid> memberIds)
    {
        var loads = memberIds.Select(id => context.LoadParticipant(id)).ToList();
        var found = new List<Participant>();
        foreach (var load in loads)
            if (await load.GetResultAsync() is { } p) found.Add(p);
        return found;
    }

    /// <summary>The caller's standing now (branch, good standing), asked once per request.</summary>
    public static async Task<ElectorStanding?> ViewerStandingAsync(this IResolveFieldContext context)
    {
        var caller = Caller.From(context.User);
        if (caller?.MemberId is not { } memberId) return null;
        var electorate = context.RequestServices!.GetRequiredService<IElectorate>(); // the fetch may run once this context is recycled
        var clock = context.RequestServices!.GetRequiredService<TimeProvider>();
        return await context.BatchLoaders().Get<Guid, ElectorStanding>("decisions.viewer-standing", async (ids, ct) =>
        {
            var found = new Dictionary<Guid, ElectorStanding>();
            foreach (var id in ids)
                if (await electorate.StandingAsync(id, clock.GetUtcNow(), ct) is { } s) found[id] = s;
            return found;
        }).Load(memberId).GetResultAsync(context.CancellationToken);
    }

    /// <summary>Whether the caller may see the meeting (loads their standing once per request).</summary>
    public static async Task<bool> MaySeeAsync(this IResolveFieldContext context, Meeting meeting)
    {
        var caller = Caller.From(context.User);
        if (caller is null) return false;
        if (meeting.MayBeRunBy(caller)) return true;
        return MeetingAccess.MaySee(caller, await context.ViewerStandingAsync(), meeting);
    }
}
