using GraphQL.DataLoader;

namespace WorkersPower.Decisions.Ballots;

public sealed class BallotType : ObjectGraphType<Ballot>
{
    public const string TypeName = "Ballot";

    public BallotType()
    {
        Name = TypeName;
        Description = "A vote of a meeting: on a motion or an amendment (yes, no, abstain), a choice of one among options, or an election by single transferable vote. Seen by whoever may see its meeting.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<MeetingType>>("meeting").Description("The meeting it belongs to.").Resolve(ctx => ctx.LoadMeeting(ctx.Source.MeetingId));
        Field(x => x.Title).Description("What is being decided.");
        Field<NonNullGraphType<EnumerationGraphType<BallotKind>>>("kind").Description("Motion, choice or STV election.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<EnumerationGraphType<VoteSecrecy>>>("secrecy").Description("Secret (with receipts) or recorded (with names).").Resolve(ctx => ctx.Source.Secrecy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("options")
            .Description("MOTION: YES, NO, ABSTAIN; CHOICE: the options; STV: the candidates, in the order shown on the ballot.").Resolve(ctx => ctx.Source.Options);
        Field(x => x.Seats).Description("STV: how many seats to fill; 1 otherwise.");
        Field(x => x.AllowChanges).Description("Whether a voter may replace their vote (with their receipt, for a secret ballot) until the close.");
        Field<NonNullGraphType<FloatGraphType>>("quorum").Description("The share of the electorate (0 to 1) that must vote for the result to stand.").Resolve(ctx => (double)ctx.Source.Quorum);
        Field(x => x.MaxMonthsInArrears, nullable: true).Description("When set, members more whole months in arrears than this at the cut-off may not vote.");
        Field(x => x.OpensAt, nullable: true).Description("When it opens by itself (null: when the chair opens it); its electorate is frozen at the opening.");
        Field(x => x.ClosesAt, nullable: true).Description("When it closes by itself (null: when the chair closes it).");
        Field<NonNullGraphType<EnumerationGraphType<BallotStatus>>>("status").Description("Scheduled, open or closed.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.ElectorateSize, nullable: true).Description("How many members may vote: its electorate, frozen when it opened (null before).");
        Field<IntGraphType>("turnout").Description("Once open: how many have voted (never how: no partial results before the close).")
            // a loader result, awaited by the executor once every ballot of the list has asked: one query for them all
            .Resolve(ctx => ctx.Source.Status == BallotStatus.Scheduled ? null : (object)LoadTurnout(ctx, ctx.Source.Id));
        Field<NonNullGraphType<BooleanGraphType>>("viewerHasVoted").Description("Whether you have voted in it (your own vote, not your proxies').")
            .Resolve(ctx => Caller.From(ctx.User)?.MemberId is { } me && ctx.Source.Status != BallotStatus.Scheduled ? LoadVoted(ctx, ctx.Source.Id, me) : (object)false);
        Field<NonNullGraphType<BooleanGraphType>>("viewerMayVote").Description("Whether you may vote now: it is open, you are in its electorate, and you have not voted (or it allows changes).")
            .ResolveAsync(async ctx => Caller.From(ctx.User)?.MemberId is { } me && await MayVoteAsync(ctx, me));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantType>>>>("viewerMayVoteFor").WithComplexityImpact(1, 3)
            .Description("The members whose proxy you hold in this meeting and who may still vote in it (in its electorate, not yet voted): vote for them with castVote's onBehalfOf.")
            .ResolveAsync(async ctx =>
            {
                if (Caller.From(ctx.User)?.MemberId is not { } me || ctx.Source.Status != BallotStatus.Open) return Array.Empty<Participant>();
                if (await ctx.LoadMeeting(ctx.Source.MeetingId).GetResultAsync(ctx.CancellationToken) is not { } meeting) return Array.Empty<Participant>();
                var grantors = new List<Guid>();
                foreach (var grantor in meeting.ProxiesHeldBy(me))
                    if (grantor != me && await InElectorateAsync(ctx, grantor) && !await HasVoted(ctx, ctx.Source.Id, grantor)) grantors.Add(grantor);
                return await ctx.LoadParticipantsAsync(grantors);
            });
        Field<BallotResultType>("result").Description("The result, published at the close (null until then): counts, outcome, STV rounds, and every ballot by receipt (secret) or every vote by name (recorded).")
            .Resolve(ctx => ctx.Source.Status == BallotStatus.Closed ? LoadResult(ctx, ctx.Source.Id) : null);
    }

    private static IDecisionsStore Store(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<IDecisionsStore>();

    private static IDataLoaderResult<int> LoadTurnout(IResolveFieldContext ctx, Guid ballotId)
    {
        var store = Store(ctx);
        return ctx.BatchLoaders().Get<Guid, int>("decisions.turnout", async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            return await VoteStore.TurnoutAsync(session, ids, ct);
        }).Load(ballotId).Then(t => t);
    }

    private static IDataLoaderResult<bool> LoadVoted(IResolveFieldContext ctx, Guid ballotId, Guid memberId)
    {
        var store = Store(ctx);
        return ctx.BatchLoaders().Get<(Guid, Guid), bool>("decisions.voted", async (pairs, ct) =>
        {
            await using var session = store.QuerySession();
            return await VoteStore.HaveVotedAsync(session, pairs, ct);
        }).Load((ballotId, memberId)).Then(v => v);
    }

    private static Task<bool> HasVoted(IResolveFieldContext ctx, Guid ballotId, Guid memberId) =>
        LoadVoted(ctx, ballotId, memberId).GetResultAsync(ctx.CancellationToken);

    private static async Task<bool> InElectorateAsync(IResolveFieldContext<Ballot> ctx, Guid memberId) =>
        await ctx.LoadDocument<BallotElectorate>(Store(ctx), "decisions.electorate", ctx.Source.Id, e => e.Id).GetResultAsync(ctx.CancellationToken) is { } e
        && e.Contains(memberId);

    private static async Task<bool> MayVoteAsync(IResolveFieldContext<Ballot> ctx, Guid me) =>
        ctx.Source.Status == BallotStatus.Open && await InElectorateAsync(ctx, me) && (ctx.Source.AllowChanges || !await HasVoted(ctx, ctx.Source.Id, me));

    private static IDataLoaderResult<BallotResult?> LoadResult(IResolveFieldContext ctx, Guid ballotId) =>
        ctx.LoadDocument<BallotResult>(Store(ctx), "decisions.result", ballotId, r => r.Id);
}

/// <summary>node(id:) for ballots: those whose meeting the caller may see.</summary>
internal sealed class BallotNodeResolver : INodeResolver
{
    public string TypeName => BallotType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) =>
        await context.LoadBallot(id).GetResultAsync(context.CancellationToken) is { } b
        && await context.LoadMeeting(b.MeetingId).GetResultAsync(context.CancellationToken) is { } m
        && await context.MaySeeAsync(m) ? b : null;
}

/// <summary>What every ballot mutation answers: the ballot as it is after the command, or why nothing changed.</summary>
public sealed record BallotPayload(Ballot? Ballot) : Payload
{
    internal static async Task<BallotPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new BallotPayload((Ballot?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new BallotPayload(await session.LoadAsync<Ballot>(id, ctx.CancellationToken));
    }

    internal static BallotPayload Refused(UserError error) => new((Ballot?)null) { Errors = [error] };

    private static readonly RaceAnswers Races = new(
        UserError.Conflict("The ballot changed at the same moment: reload it and try again."),
        UserError.Conflict("The ballot changed at the same moment: reload it and try again."));
}

public sealed class BallotPayloadType : PayloadType<BallotPayload>
{
    public BallotPayloadType() : base("BallotPayload", "The ballot, or why nothing changed.") =>
        Field<BallotType>("ballot").Description("The ballot.").Resolve(ctx => ctx.Source.Ballot);
}
