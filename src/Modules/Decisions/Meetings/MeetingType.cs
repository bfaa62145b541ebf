namespace WorkersPower.Decisions.Meetings;

/// <summary>A decision's scope as shown: the whole organisation or a branch.</summary>
public sealed record DecisionScope(GrantScopeKind Kind, Guid? BranchId);

public sealed class DecisionScopeType : ObjectGraphType<DecisionScope>
{
    public DecisionScopeType()
    {
        Name = "DecisionScope";
        Description = "Whose decision it is: the whole organisation (conference, national committee) or a branch.";
        Field("kind", new NonNullGraphType(new GraphQLTypeReference("GrantScopeKind"))).Description("ORGANISATION or BRANCH.").Resolve(ctx => ctx.Source.Kind);
        Field("branch", new GraphQLTypeReference("Branch")).Description("The branch, for a branch's decision.")
            .Resolve(ctx => ctx.Source.BranchId is { } b ? ctx.LoadNode("Branch", b) : null);
    }
}

public sealed class MeetingType : ObjectGraphType<Meeting>
{
    public const string TypeName = "Meeting";

    public MeetingType()
    {
        Name = TypeName;
        Description = "A meeting of a branch or of a body of the whole organisation, where motions are moved and ballots held. " +
            "Seen by the members of its scope and by whoever may run it.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Title).Description("The meeting's title, e.g. \"Conference 2027\".");
        Field<NonNullGraphType<EnumerationGraphType<DecisionBody>>>("body").Description("The body meeting.").Resolve(ctx => ctx.Source.Body);
        Field<NonNullGraphType<DecisionScopeType>>("scope").Description("Whose meeting it is.")
            .Resolve(ctx => new DecisionScope(ctx.Source.BranchId is null ? GrantScopeKind.Organisation : GrantScopeKind.Branch, ctx.Source.BranchId));
        Field(x => x.StartsAt).Description("When it starts.");
        Field(x => x.SecondersRequired).Description("How many members must second a motion or an amendment before it can be put to the vote.");
        Field<ParticipantType>("convenedBy").Description("The member who convened it (null for an account without a member record).")
            .Resolve(ctx => ctx.Source.ConvenorMemberId is { } m ? ctx.LoadParticipant(m) : null);
        Field<ParticipantType>("chair").Description("Who chairs it: the convenor unless they named another member.")
            .Resolve(ctx => ctx.Source.ChairMemberId is { } m ? ctx.LoadParticipant(m) : null);
        Field<NonNullGraphType<EnumerationGraphType<MeetingStatus>>>("status").Description("Open or closed.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MotionType>>>>("motions").WithComplexityImpact(1, 20).Description("Its motions, in the order submitted.")
            .Resolve(ctx => ctx.LoadMotionsOf(ctx.Source.Id));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BallotType>>>>("ballots").WithComplexityImpact(1, 20).Description("Its ballots, in the order defined.")
            .Resolve(ctx => ctx.LoadBallotsOf(ctx.Source.Id));
        Field<ListGraphType<NonNullGraphType<Proxies.ProxyType>>>("proxies").WithComplexityImpact(1, 20)
            .Description("Who votes for whom in its ballots, oldest first: for whoever may run it (its chair, its convenor, an organiser of its scope, an admin); null for others.")
            .Resolve(ctx => Caller.From(ctx.User) is { } c && ctx.Source.MayBeRunBy(c) ? ctx.Source.Proxies.OrderBy(p => p.At).ToList() : null);
        Field<NonNullGraphType<BooleanGraphType>>("viewerMayChair")
            .Description("Whether you may run this meeting (its chair, its convenor, an organiser of its scope, an admin): name the chair, define, open and close ballots, put motions to the vote, see proxies.")
            .Resolve(ctx => Caller.From(ctx.User) is { } c && ctx.Source.MayBeRunBy(c));
    }
}

/// <summary>node(id:) for meetings: those the caller may see.</summary>
internal sealed class MeetingNodeResolver : INodeResolver
{
    public string TypeName => MeetingType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) =>
        await context.LoadMeeting(id).GetResultAsync(context.CancellationToken) is { } m && await context.MaySeeAsync(m) ? m : null;
}
