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
    /// <summary>
    /// One round trip reads the action's stream for writing and Campaigns' copy of the member (a batched query);
    /// the commit is the second (event, stream version, the member's <see cref="ActionSignUp"/> entry, stored here,
    /// and the other inline projections in one batch) and the answer is
    /// the aggregate just written (<see cref="CommandResult.Answer"/>), not read again. Live progress is told
    /// after the commit straight to the notifier (see <see cref="NotifyProgressAfterCommit"/>), not through a
    /// durable message (none for a caller without live subscribers, e.g. the demo data).
    /// </summary>
    public static async Task<CommandResult> Handle(SignUpForAction command, IDocumentSession session, ProgressNotifier? notifier, TimeProvider clock, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var fetching = batch.Events.FetchForWriting<CampaignAction>(command.ActionId);
        var loading = batch.Load<CampaignMember>(command.MemberId);
        await batch.Execute(ct);
        var stream = await fetching;
        if (stream.Aggregate is not { } action) return CommandResult.Refused(ActionRules.NoSuchAction);
        var decision = command.Decide(action, await loading, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        if (decision.Events.Count == 0) return decision.ToResult(action.Id) with { Answer = decision.Accepted ? action : null };
        foreach (var e in decision.Events.OfType<SignedUpForAction>())
        {
            // The member's entry in the action's list, written here rather than loaded by the inline projection (a round trip less).
            if (ActionSignUp.AfterSignUp(action, e) is { } entry) session.Store(entry);
            ActionSignUpProjection.StoredByItsUseCase(e);
            // The answer: the action as the inline projection stores it (Apply is idempotent, should Marten apply the
            // event to this same instance at the commit).
            CampaignActionProjection.Apply(e, action);
        }
        if (notifier is not null) session.Listeners.Add(new NotifyProgressAfterCommit(notifier, action.CampaignId));
        return decision.ToResult(action.Id) with { Answer = action };
    }
}

/// <summary>
/// Tells live subscribers of the campaign's progress once the change is committed (never before: a subscriber
/// that reloads on the notice must see it). Not a durable message: the notifier only queues the campaign for its
/// next batched NOTIFY in memory, so a crash between the commit and that NOTIFY loses the notice either way; a
/// lost notice is a missed live update, which the next change or a reconnecting subscriber's reload makes good.
/// </summary>
internal sealed class NotifyProgressAfterCommit(ProgressNotifier notifier, Guid campaignId) : IDocumentSessionListener
{
    public Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
    {
        notifier.Notify(campaignId);
        return Task.CompletedTask;
    }

    public Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token) => Task.CompletedTask;

    public void DocumentLoaded(object id, object document) { }

    public void DocumentAddedForStorage(object id, object document) { }
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
