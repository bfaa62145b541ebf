namespace WorkersPower.Campaigns.Actions;

/// <summary>cancelAction: one of the campaign's organisers or an admin cancels an action with a reason; the members signed up are told.</summary>
[Description("Which action to cancel, and why (the members signed up are told).")]
public sealed record CancelActionInput(
    [property: Id, Description("The action's global id.")] string ActionId,
    [property: Description("Why (up to 1000 characters).")] string Reason);

public sealed record CancelAction(Guid ActionId, string Reason, Caller Actor)
{
    /// <summary>
    /// The rules: only the campaign's organisers and admins (<see cref="ViewerOrganises"/>; others FORBIDDEN); a reason;
    /// then an action that exists (null: none), is not cancelled already and is not over.
    /// </summary>
    public Decision Decide(CampaignAction? action, DateTimeOffset now)
    {
        if (action is not null && !ViewerOrganises.Of(Actor, action.CampaignId)) return Decision.Deny(ViewerOrganises.Forbidden);
        var rules = new TextRules();
        rules.Required("reason", Reason, 1000, "A reason");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (action is null) return Decision.Refuse(ActionRules.NoSuchAction);
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled already."));
        if (action.EndsAt <= now) return Decision.Refuse(UserError.InvalidState("The action is over."));
        return Decision.Accept(new ActionCancelled(action.Id, action.CampaignId, Reason.Trim(), action.SignUpCount, Actor.AccountId, now));
    }
}

public static class CancelActionHandler
{
    public static async Task<(CommandResult, OutgoingMessages)> Handle(CancelAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<CampaignAction>(command.ActionId, action => command.Decide(action, clock.GetUtcNow()), ct);
        var outgoing = new OutgoingMessages();
        if (decision.Events is [ActionCancelled cancelled] && stream.Aggregate is { } action)
        {
            if (action.SignedUp.Count > 0) outgoing.Add(new NotifyActionCancelled(action.Id, [.. action.SignedUp], cancelled.Reason));
            outgoing.Add(new CampaignProgressChanged(action.CampaignId));
        }
        return (decision.ToResult(command.ActionId), outgoing);
    }
}

internal sealed class CancelActionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<CancelActionInput>>("cancelAction",
                "Cancel an action with a reason (the campaign's organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN); the members signed up are told.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<CancelActionInput>();
                return await CampaignActionPayload.RunAsync(ctx, input.ActionId, id => new CancelAction(id, input.Reason, ctx.Caller()));
            });
}
