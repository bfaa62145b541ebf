namespace WorkersPower.Decisions.Motions;

public sealed class MotionType : ObjectGraphType<Motion>
{
    public const string TypeName = "Motion";

    public MotionType()
    {
        Name = TypeName;
        Description = "A motion moved at a meeting, with its seconders, its amendments and every version of its text. Seen by whoever may see its meeting.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<MeetingType>>("meeting").Description("The meeting it is moved at.").Resolve(ctx => ctx.LoadMeeting(ctx.Source.MeetingId));
        Field(x => x.Title).Description("The motion's title.");
        Field<NonNullGraphType<StringGraphType>>("text").Description("Its text now: as submitted, or as the last amendment carried made it.").Resolve(ctx => ctx.Source.Text);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The number of its text's current version (1: as submitted).").Resolve(ctx => ctx.Source.TextVersion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MotionVersionType>>>>("versions").WithComplexityImpact(1, 3)
            .Description("Every version of its text, oldest first: as submitted, then one per amendment carried.").Resolve(ctx => ctx.Source.Versions);
        Field<ParticipantType>("mover").Description("The member who moved it.").Resolve(ctx => ctx.LoadParticipant(ctx.Source.MoverMemberId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantType>>>>("seconders").WithComplexityImpact(1, 3).Description("The members who seconded it, in the order they did.")
            .ResolveAsync(async ctx => await ctx.LoadParticipantsAsync(ctx.Source.Seconders));
        Field<NonNullGraphType<EnumerationGraphType<MotionStatus>>>("status").Description("Where it stands.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AmendmentType>>>>("amendments").WithComplexityImpact(1, 5).Description("Its amendments in the order submitted.")
            .Resolve(ctx => ctx.Source.Amendments);
        Field<BallotType>("ballot").Description("The ballot on the motion itself, once the chair put it to the vote.")
            .Resolve(ctx => ctx.Source.BallotId is { } b ? ctx.LoadBallot(b) : null);
    }
}

public sealed class MotionVersionType : ObjectGraphType<MotionTextVersion>
{
    public MotionVersionType()
    {
        Name = "MotionVersion";
        Description = "One version of a motion's text.";
        Field(x => x.Version).Description("Its number: 1 as submitted, then one more per amendment carried.");
        Field(x => x.Text).Description("The motion's whole text in this version.");
        Field(x => x.At).Description("When it became the motion's text.");
        Field<IdGraphType>("byAmendment").Description("The amendment whose carrying made it (null for the text as submitted).")
            .Resolve(ctx => ctx.Source.ByAmendment is { } a ? GlobalId.Encode(AmendmentType.TypeName, a) : null);
    }
}

public sealed class AmendmentType : ObjectGraphType<MotionAmendment>
{
    public const string TypeName = "Amendment";

    public AmendmentType()
    {
        Name = TypeName;
        Description = "An amendment to a motion: the motion's whole text as it would be amended. Seen by whoever may see the motion's meeting.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<MotionType>>("motion").Description("The motion it amends.").Resolve(ctx => ctx.LoadMotion(ctx.Source.MotionId));
        Field(x => x.Text).Description("The motion's whole text as amended.");
        Field<ParticipantType>("mover").Description("The member who moved it.").Resolve(ctx => ctx.LoadParticipant(ctx.Source.MoverMemberId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParticipantType>>>>("seconders").WithComplexityImpact(1, 3).Description("The members who seconded it, in the order they did.")
            .ResolveAsync(async ctx => await ctx.LoadParticipantsAsync(ctx.Source.Seconders));
        Field<NonNullGraphType<EnumerationGraphType<MotionStatus>>>("status").Description("Where it stands (WITHDRAWN: with its motion).").Resolve(ctx => ctx.Source.Status);
        Field(x => x.Order).Description("Its number among the motion's amendments (1 first), the order the chair puts them to the vote.");
        Field<BallotType>("ballot").Description("The ballot on it, once the chair put it to the vote.")
            .Resolve(ctx => ctx.Source.BallotId is { } b ? ctx.LoadBallot(b) : null);
    }
}

/// <summary>node(id:) for motions: those whose meeting the caller may see.</summary>
internal sealed class MotionNodeResolver : INodeResolver
{
    public string TypeName => MotionType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) =>
        await context.LoadMotion(id).GetResultAsync(context.CancellationToken) is { } m
        && await context.LoadMeeting(m.MeetingId).GetResultAsync(context.CancellationToken) is { } meeting
        && await context.MaySeeAsync(meeting) ? m : null;
}

/// <summary>node(id:) for amendments: those whose motion's meeting the caller may see.</summary>
internal sealed class AmendmentNodeResolver : INodeResolver
{
    public string TypeName => AmendmentType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) =>
        await context.MotionOfAmendmentAsync(id) is { } m
        && await context.LoadMeeting(m.MeetingId).GetResultAsync(context.CancellationToken) is { } meeting
        && await context.MaySeeAsync(meeting) ? m.Amendment(id) : null;
}
