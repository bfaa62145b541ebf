namespace WorkersPower.Campaigns.Actions;

/// <summary>scheduleAction: one of the campaign's organisers or an admin schedules an action of a campaign; its reminders are scheduled with it.</summary>
[Description("A new action of a campaign.")]
public sealed record ScheduleActionInput(
    [property: Id, Description("The campaign's global id.")] string CampaignId,
    [property: Description("What kind of action.")] ActionKind Kind,
    [property: Description("A title (made from the kind and campaign when omitted).")] string? Title,
    [property: Description("When it starts (in the future).")] DateTimeOffset StartsAt,
    [property: Description("When it ends (after the start, within 14 days).")] DateTimeOffset EndsAt,
    [property: Description("Where (up to 300 characters).")] string Location,
    [property: Description("How many can sign up (none: no limit).")] int? Capacity,
    [property: Id, Description("The branch it is for, if any.")] string? BranchId);

public sealed record ScheduleAction(Guid CampaignId, ActionKind Kind, string? Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Location, int? Capacity, Guid? BranchId, Caller Actor)
{
    public const int MaxCapacity = 100_000;

    /// <summary>
    /// The rules: only the campaign's organisers (CAMPAIGN_ORGANISER on it) and admins (<see cref="ViewerOrganises"/>;
    /// others FORBIDDEN); times (<see cref="ActionRules.Times"/>), title, place and capacity; then a campaign that exists
    /// (null: none) and is active. A scheduler not yet among <see cref="Campaign.OrganiserMemberIds"/> (the record of
    /// who launched or scheduled) is added to it.
    /// </summary>
    public Decision Decide(Campaign? campaign, Guid actionId, DateTimeOffset now)
    {
        if (campaign is not null && !ViewerOrganises.Of(Actor, campaign)) return Decision.Deny(ViewerOrganises.Forbidden);
        var rules = new TextRules();
        ActionRules.Times(rules, StartsAt, EndsAt, now);
        ActionRules.OptionalLine(rules, "title", Title, 200, "The title");
        rules.Required("location", Location, 300, "The location");
        if (Capacity is < 1 or > MaxCapacity) rules.Fail("capacity", $"The capacity must be between 1 and {MaxCapacity}.");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (campaign is null) return Decision.Refuse(CampaignRules.NoSuchCampaign);
        if (campaign.Status != CampaignStatus.Active) return Decision.Refuse(UserError.InvalidState("The campaign is concluded: reopen it first."));
        var title = string.IsNullOrWhiteSpace(Title) ? $"{Kind} for {campaign.Title}" : Title.Trim();
        var scheduled = new ActionScheduled(actionId, campaign.Id, Kind, title, StartsAt, EndsAt, Location.Trim(), Capacity, BranchId, Actor.AccountId, now);
        return Actor.MemberId is { } organiser && !campaign.OrganiserMemberIds.Contains(organiser)
            ? Decision.Accept(new CampaignOrganiserJoined(campaign.Id, organiser, now), scheduled)
            : Decision.Accept(scheduled);
    }
}

public static class ScheduleActionHandler
{
    public static async Task<(CommandResult, OutgoingMessages)> Handle(ScheduleAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var campaign = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        var id = Guid.CreateVersion7();
        var decision = command.Decide(campaign.Aggregate, id, now);
        var outgoing = new OutgoingMessages();
        foreach (var e in decision.Events)
        {
            if (e is ActionScheduled scheduled) session.Events.StartStream<CampaignAction>(id, scheduled);
            else campaign.AppendOne(e);
        }
        if (decision.Events.Count > 0)
        {
            outgoing.Add(SendActionReminders.For(id, command.StartsAt, now));
            outgoing.Add(new CampaignProgressChanged(command.CampaignId));
        }
        return (decision.ToResult(id), outgoing);
    }
}

internal sealed class ScheduleActionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<ScheduleActionInput>>("scheduleAction",
                "Schedule an action of a campaign (its organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN). A reminder goes to everyone signed up 24 hours before it starts.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ScheduleActionInput>();
                if (GlobalId.TryDecode(input.CampaignId, CampaignType.TypeName) is not { } id) return CampaignActionPayload.Refused(CampaignRules.NoSuchCampaign);
                var branch = input.BranchId is { } b ? GlobalId.TryDecode(b, "Branch") : null;
                return await CampaignActionPayload.RunAsync(ctx,
                    new ScheduleAction(id, input.Kind, input.Title, input.StartsAt, input.EndsAt, input.Location, input.Capacity, branch, ctx.Caller()));
            });
}
