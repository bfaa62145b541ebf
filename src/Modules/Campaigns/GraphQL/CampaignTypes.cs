using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Campaigns.SignUps;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.GraphQL;

public sealed class CampaignStatusEnum : EnumerationGraphType<CampaignStatus>
{
    public CampaignStatusEnum()
    {
        Name = "CampaignStatus";
        Description = "ACTIVE campaigns are running; CONCLUDED ones are over (and can be reopened).";
    }
}

public sealed class ActionKindEnum : EnumerationGraphType<ActionKind>
{
    public ActionKindEnum()
    {
        Name = "ActionKind";
        Description = "What kind of action.";
    }
}

public sealed class ActionStatusEnum : EnumerationGraphType<ActionStatus>
{
    public ActionStatusEnum()
    {
        Name = "ActionStatus";
        Description = "SCHEDULED or CANCELLED.";
    }
}

public sealed class SignUpStatusEnum : EnumerationGraphType<SignUpStatus>
{
    public SignUpStatusEnum()
    {
        Name = "SignUpStatus";
        Description = "A member's part in an action.";
    }
}

public sealed class NoticeKindEnum : EnumerationGraphType<NoticeKind>
{
    public NoticeKindEnum()
    {
        Name = "NoticeKind";
        Description = "What a notice is about.";
    }
}

public sealed class CampaignType : ObjectGraphType<Campaign>
{
    public const string TypeName = "Campaign";

    public CampaignType()
    {
        Name = TypeName;
        Description = "A campaign with a goal, run through actions.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Slug).Description("The campaign's address, unique and stable.");
        Field(x => x.Title).Description("The title.");
        Field(x => x.Summary).Description("What it is about.");
        Field<NonNullGraphType<CampaignStatusEnum>>("status").Description("Running or concluded.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.LaunchedAt).Description("When it was launched.");
        Field(x => x.Goal, nullable: true).Description("The target, e.g. a number of participants.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignOrganiserType>>>>("organisers")
            .Description("The organisers who launched it or scheduled its actions.")
            .Resolve(ctx => ctx.Source.OrganiserMemberIds.Select(id => new CampaignOrganiser(id)).ToList());
        Field<NonNullGraphType<ConnectionType<CampaignActionType>>>("actions")
            .Description("The campaign's actions by start time (cancelled ones included).")
            .Argument<BooleanGraphType>("upcomingOnly", "Only actions that have not started and are not cancelled.")
            .PageArguments()
            .ResolveAsync(async ctx => await CampaignsSchema.ActionsPageAsync(ctx, ctx.Source.Id, null, ctx.GetArgument<bool?>("upcomingOnly") ?? false));
        Field<NonNullGraphType<CampaignProgressType>>("progress").Description("Live figures.")
            .Resolve(ctx => ctx.LoadProgress(ctx.Source.Id).Then(p => p ?? new ProgressView(ctx.Source.Id, 0, 0, 0, 0, ctx.Source.Goal)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CampaignDayType>>>>("activity")
            .Description("Sign-ups, withdrawals and check-ins per UTC day over the last `days` days (today included), newest first; days without any are left out. Updated asynchronously: may lag a moment behind `progress`.")
            .Argument<IntGraphType>("days", $"How many UTC days back, today included: 1 to {CampaignsReads.MaxActivityDays}.", a => a.DefaultValue = 30)
            .Resolve(ctx =>
            {
                var days = ctx.GetArgument<int?>("days") ?? 30;
                if (days is < 1 or > CampaignsReads.MaxActivityDays)
                    throw new ExecutionError($"'days' must be between 1 and {CampaignsReads.MaxActivityDays}.") { Code = ErrorCodes.BadUserInput };
                var today = DateOnly.FromDateTime(ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                return ctx.LoadActivity(ctx.Source.Id, today.AddDays(1 - days)).Then(d => d ?? []);
            });
    }
}

public sealed class CampaignDayType : ObjectGraphType<CampaignDay>
{
    public CampaignDayType()
    {
        Name = "CampaignDay";
        Description = "A campaign's activity on one UTC day, across its actions. The figures are updated asynchronously and may lag a moment behind the latest sign-ups and check-ins.";
        Field(x => x.Day).Description("The UTC day.");
        Field(x => x.SignUps).Description("Sign-ups made that day.");
        Field(x => x.Withdrawals).Description("Withdrawals made that day.");
        Field(x => x.CheckIns).Description("Check-ins recorded that day.");
    }
}

public sealed record CampaignOrganiser(Guid MemberId);

public sealed class CampaignOrganiserType : ObjectGraphType<CampaignOrganiser>
{
    public CampaignOrganiserType()
    {
        Name = "CampaignOrganiser";
        Description = "An organiser of a campaign.";
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The name to show.")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId).Then(m => m?.DisplayName ?? "An organiser"));
    }
}

public sealed class CampaignProgressType : ObjectGraphType<ProgressView>
{
    public CampaignProgressType()
    {
        Name = "CampaignProgress";
        Description = "A campaign's live figures.";
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The campaign's global id.").Resolve(ctx => GlobalId.Encode(CampaignType.TypeName, ctx.Source.CampaignId));
        Field(x => x.ActionsScheduled).Description("Actions scheduled and not cancelled.");
        Field(x => x.SignUps).Description("Current sign-ups across its actions (cancelled actions excluded).");
        Field(x => x.Attendances).Description("Check-ins across its actions.");
        Field(x => x.Participants).Description("Distinct members who signed up for or attended any of its actions.");
        Field(x => x.Goal, nullable: true).Description("The campaign's goal.");
    }
}

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
        Field<NonNullGraphType<ActionKindEnum>>("kind").Description("What kind of action.").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.Title).Description("Its title.");
        Field(x => x.StartsAt).Description("When it starts.");
        Field(x => x.EndsAt).Description("When it ends.");
        Field(x => x.Location).Description("Where.");
        Field(x => x.Capacity, nullable: true).Description("How many can sign up (null: no limit).");
        Field(x => x.PlacesLeft, nullable: true).Description("Places left (null: no limit).");
        Field<IdGraphType>("branchId").Description("The branch it is for, if any.").Resolve(ctx => ctx.Source.BranchId is { } b ? GlobalId.Encode("Branch", b) : null);
        Field<NonNullGraphType<ActionStatusEnum>>("status").Description("Scheduled or cancelled.").Resolve(ctx => ctx.Source.Status);
        Field(x => x.CancelReason, nullable: true).Description("Why it was cancelled.");
        Field(x => x.SignUpCount).Description("How many are signed up.");
        Field(x => x.AttendanceCount).Description("How many were checked in.");
        Field<SignUpStatusEnum>("mySignUp").Description("The signed-in member's part in it (null: none, or anonymous).")
            .AllowAnonymous()
            .Resolve(ctx => ctx.User.MemberId() is { } me ? CampaignsReads.StatusOf(ctx.Source, me) : null);
        Field<ActionOutcomeType>("outcome").Description("What happened, once recorded.").Resolve(ctx => ctx.Source.Outcome);
        Field<ConnectionType<SignUpType>>("signUps")
            .Description("Who signed up, withdrew or attended, oldest first (for a walk-in, the check-in time counts). " +
                "Admins and the campaign's organisers see everyone; an organiser of a participant's branch sees the members of their own branch, " +
                "and totalCount counts what you see; anyone else is refused (FORBIDDEN). Every read of someone else's entry is recorded.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx => await SignUpReads.PageAsync(ctx, ctx.Source));
        Field<ListGraphType<NonNullGraphType<ActionParticipantType>>>("participants")
            .Description("Who signed up, withdrew or attended, oldest first, all at once; the same rules as signUps.")
            .DeprecationReason("Unbounded (thousands for a national demonstration): use signUps, which pages.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx => await SignUpReads.AllAsync(ctx, ctx.Source));
    }
}

public sealed record ActionParticipant(Guid MemberId, SignUpStatus Status);

public sealed class ActionParticipantType : ObjectGraphType<ActionParticipant>
{
    public ActionParticipantType()
    {
        Name = "ActionParticipant";
        Description = "A member's part in an action.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member's global id.").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.MemberId));
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The member's name (\"Erased member\" after an erasure).")
            .Resolve(ctx => ctx.LoadMember(ctx.Source.MemberId).Then(m => m?.DisplayName ?? "A member"));
        Field<NonNullGraphType<SignUpStatusEnum>>("status").Description("Signed up, withdrawn or attended.").Resolve(ctx => ctx.Source.Status);
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

public sealed class OutcomeCountInputType : InputObjectGraphType<OutcomeCount>
{
    public OutcomeCountInputType()
    {
        Name = "OutcomeCountInput";
        Description = "One figure of an outcome.";
        Field(x => x.Name).Description("What was counted (1 to 60 characters).");
        Field(x => x.Value).Description("How many (0 or more).");
    }
}

public sealed class MemberNoticeType : ObjectGraphType<MemberNotice>
{
    public MemberNoticeType()
    {
        Name = "MemberNotice";
        Description = "A notice for a member: a reminder of an action, or its cancellation.";
        Field<NonNullGraphType<NoticeKindEnum>>("kind").Description("What it is about.").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.Text).Description("The notice.");
        Field(x => x.CreatedAt).Description("When it was recorded.");
        Field<CampaignActionType>("action").Description("The action.").Resolve(ctx => ctx.LoadAction(ctx.Source.ActionId));
    }
}
