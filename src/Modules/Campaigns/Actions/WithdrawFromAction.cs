namespace WorkersPower.Campaigns.Actions;

/// <summary>withdrawFromAction: the signed-in member withdraws from an action they signed up for.</summary>
[Description("The action the signed-in member withdraws from.")]
public sealed record WithdrawFromActionInput([property: Id, Description("The action's global id.")] string ActionId);

public sealed record WithdrawFromAction(Guid ActionId, Guid MemberId)
{
    /// <summary>The rules: only a member signed up for it; not when it is cancelled or has started.</summary>
    public Decision Decide(CampaignAction action, DateTimeOffset now)
    {
        if (!action.SignedUp.Contains(MemberId)) return Decision.Refuse(UserError.InvalidState("You are not signed up for this action."));
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled."));
        if (action.StartsAt <= now) return Decision.Refuse(UserError.InvalidState("The action has started."));
        return Decision.Accept(new WithdrewFromAction(action.Id, action.CampaignId, MemberId, null, now));
    }
}

public static class WithdrawFromActionHandler
{
    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(WithdrawFromAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } action) return (CommandResult.Refused(ActionRules.NoSuchAction), null);
        var decision = command.Decide(action, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return (decision.ToResult(action.Id), decision.Events.Count > 0 ? new CampaignProgressChanged(action.CampaignId) : null);
    }
}

internal sealed class WithdrawFromActionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<WithdrawFromActionInput>>("withdrawFromAction",
                "Withdraw from an action you signed up for (members).")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (ctx.Caller().MemberId is not { } member) throw new ExecutionError("Only members sign up for actions.") { Code = ErrorCodes.Forbidden };
                return await CampaignActionPayload.RunAsync(ctx, ctx.Input<WithdrawFromActionInput>().ActionId, id => new WithdrawFromAction(id, member));
            });
}
