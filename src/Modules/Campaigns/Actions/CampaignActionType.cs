namespace WorkersPower.Campaigns.Actions;

public sealed class CampaignActionType : ObjectGraphType<CampaignAction>
{
    public const string TypeName = "CampaignAction";

    public CampaignActionType()
    {
        Name = TypeName;
        Description = "An action of a campaign: a picket, meeting, demonstration, stall...";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field<NonNullGraphType<CampaignType>>("campaign").Description("The campaign it belongs to.").Resolve(ctx => ctx.LoadCampaign(ctx.Source.CampaignId));
        Field<NonNullGraphType<EnumerationGraphType<ActionKind>>>("kind").Description("What kind of action.").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.Title).Description("Its title.");
        Field(x => x.StartsAt).Description("When it starts.");
        Field(x => x.EndsAt).Description("When it ends.");
        Field(x => x.Location).Description("Where.");
        Field(x => x.Capacity, nullable: true).Description("How many can sign up (null: no limit).");
        Field(x => x.PlacesLeft, nullable: true).Description("Places left (null: no limit).");
        Field<IdGraphType>("branchId").Description("The branch it is for, if any.").Resolve(ctx => ctx.Source.BranchId is { } b ? GlobalId.Encode("Branch", b) : null);
        Field<NonNullGraphType<EnumerationGraphType<ActionStatus>>>("status").Description("Scheduled or cancelled.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.CancelReason, nullable: true).Description("Why it was cancelled.");
        Field(x => x.SignUpCount).Description("How many are signed up.");
        Field(x => x.AttendanceCount).Description("How many were checked in.");
        Field<EnumerationGraphType<SignUpStatus>>("mySignUp").Description("The signed-in member's part in it (null: none, or anonymous).")
            .AllowAnonymous()
            .Resolve(ctx => ctx.User.MemberId() is { } me ? ActionSignUp.StatusOf(ctx.Source, me) : null);
        Field<ActionOutcomeType>("outcome").Description("What happened, once recorded.").Resolve(ctx => ctx.Source.Outcome);
        Field<ConnectionType<SignUpType>>("signUps")
            .Description("Who signed up, withdrew or attended, oldest first (for a walk-in, the check-in time counts). " +
                "Admins, the campaign's organisers (CAMPAIGN_ORGANISER on it) and organisation-wide organisers see everyone; an organiser of branches " +
                "sees the members of those branches, and totalCount counts what you see; anyone else is refused (FORBIDDEN), an organiser of another " +
                "campaign included. Every read of someone else's entry is recorded.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx => await SignUpReads.PageAsync(ctx, ctx.Source));
        Field<ListGraphType<NonNullGraphType<ActionParticipantType>>>("participants")
            .Description("Who signed up, withdrew or attended, oldest first, all at once; the same rules as signUps.")
            .DeprecationReason("Unbounded (thousands for a national demonstration): use signUps, which pages.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx => await SignUpReads.AllAsync(ctx, ctx.Source));
        WalkInCandidateType.AddTo(this);
    }
}

public sealed class ActionOutcomeType : ObjectGraphType<ActionOutcome>
{
    public ActionOutcomeType()
    {
        Name = "ActionOutcome";
        Description = "What an action achieved.";
        Field(x => x.Summary).Description("A report in words.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OutcomeCountType>>>>("counts").Description("Figures such as leaflets given out, papers sold, signatures.").Resolve(ctx => ctx.Source.Counts);
        Field(x => x.RecordedAt).Description("When it was recorded.");
    }
}

public sealed class OutcomeCountType : ObjectGraphType<OutcomeCount>
{
    public OutcomeCountType()
    {
        Name = "OutcomeCount";
        Description = "One figure of an outcome.";
        Field(x => x.Name).Description("What was counted, e.g. \"papers sold\".");
        Field(x => x.Value).Description("How many.");
    }
}
