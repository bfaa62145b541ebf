namespace WorkersPower.Campaigns.Actions;

/// <summary>rescheduleAction: one of the campaign's organisers or an admin moves an action that has not started; its reminders move with it.</summary>
[Description("New times (and place) for an action that has not started.")]
public sealed record RescheduleActionInput(
    [property: Id, Description("The action's global id.")] string ActionId,
    [property: Description("When it starts (in the future).")] DateTimeOffset StartsAt,
    [property: Description("When it ends.")] DateTimeOffset EndsAt,
    [property: Description("Where (omitted: unchanged).")] string? Location);

public sealed record RescheduleAction(Guid ActionId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Location, Caller Actor)
{
    /// <summary>
    /// The rules: only the campaign's organisers and admins (<see cref="ViewerOrganises"/>; others FORBIDDEN); times
    /// (<see cref="ActionRules.Times"/>) and place; then an action that exists (null: none), is not cancelled and has not started.
    /// </summary>
    public Decision Decide(CampaignAction? action, DateTimeOffset now)
    {
        if (action is not null && !ViewerOrganises.Of(Actor, action.CampaignId)) return Decision.Deny(ViewerOrganises.Forbidden);
        var rules = new TextRules();
        ActionRules.Times(rules, StartsAt, EndsAt, now);
        ActionRules.OptionalLine(rules, "location", Location, 300, "The location");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (action is null) return Decision.Refuse(ActionRules.NoSuchAction);
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled."));
        if (action.StartsAt <= now) return Decision.Refuse(UserError.InvalidState("The action has started already."));
        return Decision.Accept(new ActionRescheduled(action.Id, action.CampaignId, StartsAt, EndsAt, Location?.Trim() ?? action.Location, Actor.AccountId, now));
    }
}

public static class RescheduleActionHandler
{
    public static async Task<(CommandResult, OutgoingMessages)> Handle(RescheduleAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (_, decision) = await session.DecideAsync<CampaignAction>(command.ActionId, action => command.Decide(action, now), ct);
        // the reminders scheduled for the old start see that it moved and record nothing
        var outgoing = new OutgoingMessages();
        if (decision.Events.Count > 0) outgoing.Add(SendActionReminders.For(command.ActionId, command.StartsAt, now));
        return (decision.ToResult(command.ActionId), outgoing);
    }
}

internal sealed class RescheduleActionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<RescheduleActionInput>>("rescheduleAction", "Move an action that has not started (the campaign's organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RescheduleActionInput>();
                return await CampaignActionPayload.RunAsync(ctx, input.ActionId, id => new RescheduleAction(id, input.StartsAt, input.EndsAt, input.Location, ctx.Caller()));
            });
}
