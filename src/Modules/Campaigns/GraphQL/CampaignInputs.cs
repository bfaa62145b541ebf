using GraphQL.Types;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Campaigns.GraphQL;

public sealed class ActionInput
{
    public string? CampaignId { get; set; }
    public string? ActionId { get; set; }
    public ActionKind Kind { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string? Location { get; set; }
    public int? Capacity { get; set; }
    public string? BranchId { get; set; }
    public string? Reason { get; set; }
    public string? MemberId { get; set; }
    public string? Summary { get; set; }
    public List<OutcomeCount>? Counts { get; set; }
}

public sealed class ScheduleActionInputType : InputObjectGraphType<ActionInput>
{
    public ScheduleActionInputType()
    {
        Name = "ScheduleActionInput";
        Description = "A new action of a campaign.";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign's global id.");
        Field<NonNullGraphType<ActionKindEnum>>("kind").Description("What kind of action.");
        Field(x => x.Title, nullable: true).Description("A title (made from the kind and campaign when omitted).");
        Field(x => x.StartsAt, type: typeof(NonNullGraphType<DateTimeScalar>)).Description("When it starts (in the future).");
        Field(x => x.EndsAt, type: typeof(NonNullGraphType<DateTimeScalar>)).Description("When it ends (after the start, within 14 days).");
        Field(x => x.Location, type: typeof(NonNullGraphType<StringGraphType>)).Description("Where (up to 300 characters).");
        Field(x => x.Capacity, nullable: true).Description("How many can sign up (none: no limit).");
        Field(x => x.BranchId, type: typeof(IdGraphType)).Description("The branch it is for, if any.");
    }
}

public sealed class RescheduleActionInputType : InputObjectGraphType<ActionInput>
{
    public RescheduleActionInputType()
    {
        Name = "RescheduleActionInput";
        Description = "New times (and place) for an action that has not started.";
        Field(x => x.ActionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The action's global id.");
        Field(x => x.StartsAt, type: typeof(NonNullGraphType<DateTimeScalar>)).Description("When it starts (in the future).");
        Field(x => x.EndsAt, type: typeof(NonNullGraphType<DateTimeScalar>)).Description("When it ends.");
        Field(x => x.Location, nullable: true).Description("Where (omitted: unchanged).");
    }
}

public sealed class CancelActionInputType : InputObjectGraphType<ActionInput>
{
    public CancelActionInputType()
    {
        Name = "CancelActionInput";
        Description = "Which action to cancel, and why (the members signed up are told).";
        Field(x => x.ActionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The action's global id.");
        Field(x => x.Reason, type: typeof(NonNullGraphType<StringGraphType>)).Description("Why (up to 1000 characters).");
    }
}

public sealed class WithdrawFromActionInputType : InputObjectGraphType<ActionInput>
{
    public WithdrawFromActionInputType()
    {
        Name = "WithdrawFromActionInput";
        Description = "The action the signed-in member withdraws from.";
        Field(x => x.ActionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The action's global id.");
    }
}

public sealed class CheckInAttendeeInputType : InputObjectGraphType<ActionInput>
{
    public CheckInAttendeeInputType()
    {
        Name = "CheckInAttendeeInput";
        Description = "A member who came to an action (signed up or not).";
        Field(x => x.ActionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The action's global id.");
        Field(x => x.MemberId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The member's global id.");
    }
}

public sealed class RecordActionOutcomeInputType : InputObjectGraphType<ActionInput>
{
    public RecordActionOutcomeInputType()
    {
        Name = "RecordActionOutcomeInput";
        Description = "What an action achieved (replaces an earlier report).";
        Field(x => x.ActionId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The action's global id.");
        Field(x => x.Summary, type: typeof(NonNullGraphType<StringGraphType>)).Description("A report in words (up to 4000 characters).");
        Field<ListGraphType<NonNullGraphType<OutcomeCountInputType>>>("counts").Description("Figures such as leaflets, papers sold, signatures (up to 20).");
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
