namespace WorkersPower.Decisions.Ballots;

public sealed class BallotResultType : ObjectGraphType<BallotResult>
{
    public BallotResultType()
    {
        Name = "BallotResult";
        Description = "A closed ballot's result, published to whoever may see the ballot. A secret ballot lists every ballot by its receipt (each voter can find theirs, anyone can recount); a recorded one every vote with its voter.";
        Field(x => x.Quorate).Description("Whether the turnout reached the quorum (at least quorum × electorate voted); an inquorate ballot elects nobody and carries nothing.");
        Field(x => x.Turnout).Description("How many voted.");
        Field(x => x.ElectorateSize).Description("How many could vote (the electorate frozen when it opened).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OptionCountType>>>>("counts").WithComplexityImpact(1, 5).Description("MOTION and CHOICE: the votes of each option, in the options' order (empty for STV: see rounds).").Resolve(ctx => ctx.Source.Counts);
        Field(x => x.Carried, nullable: true).Description("MOTION: whether it was carried (quorate, and more YES than NO); null for other kinds.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("elected")
            .Description("STV: the candidates elected, in order of election; CHOICE: the option with the most votes (empty on a tie or when inquorate); MOTION: empty.").Resolve(ctx => ctx.Source.Elected);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StvRoundType>>>>("rounds").WithComplexityImpact(1, 10).Description("STV: every stage of the count (Scottish STV rules); empty for other kinds.").Resolve(ctx => ctx.Source.Rounds);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CastBallotType>>>>("ballots").WithComplexityImpact(1, 20).Description("SECRET: every ballot counted, by receipt, sorted by receipt; empty for a recorded ballot.").Resolve(ctx => ctx.Source.Ballots);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordedVoteType>>>>("votes").WithComplexityImpact(1, 20).Description("RECORDED: every vote with its voter; empty for a secret ballot.").Resolve(ctx => ctx.Source.Votes);
    }
}

public sealed class OptionCountType : ObjectGraphType<OptionCount>
{
    public OptionCountType()
    {
        Name = "OptionCount";
        Description = "How many votes an option got.";
        Field(x => x.Option).Description("The option.");
        Field(x => x.Votes).Description("Its votes.");
    }
}

public sealed class StvRoundType : ObjectGraphType<StvRound>
{
    public StvRoundType()
    {
        Name = "StvRound";
        Description = "One stage of an STV count.";
        Field(x => x.Number).Description("The stage's number, from 1.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StvTallyType>>>>("tallies").WithComplexityImpact(1, 10).Description("Each candidate's votes after the stage.").Resolve(ctx => ctx.Source.Tallies);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("elected").Description("Who was elected at this stage.").Resolve(ctx => ctx.Source.Elected);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("excluded").Description("Who was excluded at this stage.").Resolve(ctx => ctx.Source.Excluded);
        Field(x => x.Note).Description("What happened, in words (a surplus transferred, a candidate excluded).");
    }
}

public sealed class StvTallyType : ObjectGraphType<StvTally>
{
    public StvTallyType()
    {
        Name = "StvTally";
        Description = "A candidate's votes at a stage (fractions from transfers, to five decimal places).";
        Field(x => x.Candidate).Description("The candidate.");
        Field<NonNullGraphType<FloatGraphType>>("votes").Description("Their votes.").Resolve(ctx => (double)ctx.Source.Votes);
    }
}

public sealed class CastBallotType : ObjectGraphType<BoxedBallot>
{
    public CastBallotType()
    {
        Name = "CastBallot";
        Description = "One ballot of a secret ballot as counted: its receipt and its choice; nothing about its voter.";
        Field(x => x.Receipt).Description("The receipt its voter was given.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choice").Description("MOTION and CHOICE: the option; STV: the ranking, first preference first.").Resolve(ctx => ctx.Source.Choice);
    }
}

public sealed class RecordedVoteType : ObjectGraphType<RecordedChoice>
{
    public RecordedVoteType()
    {
        Name = "RecordedVote";
        Description = "One vote of a recorded ballot, with its voter (recorded ballots are open by design).";
        Field<NonNullGraphType<ParticipantType>>("voter").Description("Who voted (the member whose vote it is, also when a proxy cast it).")
            .ResolveAsync(async ctx => await ctx.LoadParticipant(ctx.Source.VoterMemberId).GetResultAsync(ctx.CancellationToken) ?? new Participant(ctx.Source.VoterMemberId, "Former member"));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("choice").Description("MOTION and CHOICE: the option; STV: the ranking.").Resolve(ctx => ctx.Source.Choice);
    }
}
