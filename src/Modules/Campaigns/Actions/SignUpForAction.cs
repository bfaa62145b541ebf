namespace WorkersPower.Campaigns.Actions;

/// <summary>signUpForAction: the signed-in member signs up for an action.</summary>
[Description("The action the signed-in member signs up for.")]
public sealed record SignUpForActionInput([property: Id, Description("The action's global id.")] string ActionId);

public sealed record SignUpForAction(Guid ActionId, Guid MemberId)
{
    /// <summary>
    /// The rules: not when cancelled or started; twice counts once; only members in good standing; not beyond
    /// the capacity. <paramref name="member"/> is Campaigns' copy of the member (null when it has not arrived yet).
    /// </summary>
    public Decision Decide(CampaignAction action, CampaignMember? member, DateTimeOffset now)
    {
        if (action.Status == ActionStatus.Cancelled) return Decision.Refuse(UserError.InvalidState("The action is cancelled."));
        if (action.StartsAt <= now) return Decision.Refuse(UserError.InvalidState("The action has started or is over: sign-ups are closed."));
        if (action.SignedUp.Contains(MemberId)) return Decision.Unchanged;
        if (member is { Erased: true } or { Standing: MemberStanding.Suspended or MemberStanding.Resigned })
            return Decision.Refuse(UserError.InvalidState("Only members in good standing can sign up."));
        if (action.Capacity is { } capacity && action.SignUpCount >= capacity) return Decision.Refuse(new UserError("FULL", "The action is full.", null));
        return Decision.Accept(new SignedUpForAction(action.Id, action.CampaignId, MemberId, now));
    }
}

public static class SignUpForActionHandler
{
    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(SignUpForAction command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<CampaignAction>(command.ActionId, ct);
        if (stream.Aggregate is not { } action) return (CommandResult.Refused(ActionRules.NoSuchAction), null);
        var decision = command.Decide(action, await session.LoadAsync<CampaignMember>(command.MemberId, ct), clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return (decision.ToResult(action.Id), decision.Events.Count > 0 ? new CampaignProgressChanged(action.CampaignId) : null);
    }
}

internal sealed class SignUpForActionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignActionPayloadType, AutoRegisteringInputObjectGraphType<SignUpForActionInput>>("signUpForAction",
                "Sign up for an action (members). Signing up twice counts once; a full action refuses with FULL.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (ctx.Caller().MemberId is not { } member) throw new ExecutionError("Only members sign up for actions.") { Code = ErrorCodes.Forbidden };
                return await CampaignActionPayload.RunAsync(ctx, ctx.Input<SignUpForActionInput>().ActionId, id => new SignUpForAction(id, member));
            });
}
