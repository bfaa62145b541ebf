namespace WorkersPower.Decisions.Ballots;

/// <summary>Asks a ballot's scheduled opening (a durable message scheduled at its opensAt).</summary>
public sealed record OpenBallot(Guid BallotId);

/// <summary>Asks a ballot's scheduled closing (a durable message scheduled at its closesAt).</summary>
public sealed record CloseBallot(Guid BallotId);

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
    }
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
