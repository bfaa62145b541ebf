namespace WorkersPower.Campaigns.Actions;

/// <summary>What every action mutation answers: the action as it is after the command, or why nothing changed.</summary>
public sealed record CampaignActionPayload(CampaignAction? Action) : Payload
{
    /// <summary>
    /// Runs an action's command and answers the action as it is after it. A concurrency conflict (many members
    /// signing up for the last places at once) is re-tried: each re-try re-reads the action, so capacity holds
    /// exactly and no sign-up is lost.
    /// </summary>
    internal static async Task<CampaignActionPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new CampaignActionPayload((CampaignAction?)null) { Errors = result.Errors };
        if (result.Answer is CampaignAction written) return new CampaignActionPayload(written);
        await using var session = ctx.Session();
        return new CampaignActionPayload(await session.LoadAsync<CampaignAction>(id, ctx.CancellationToken));
    }

    /// <summary>Runs the command made for the action with this global id; one that names no action is NOT_FOUND.</summary>
    internal static async Task<CampaignActionPayload> RunAsync(IResolveFieldContext ctx, string actionId, Func<Guid, object> command) =>
        GlobalId.TryDecode(actionId, CampaignActionType.TypeName) is { } id ? await RunAsync(ctx, command(id)) : Refused(ActionRules.NoSuchAction);

    /// <summary>Nothing changed, for this reason (e.g. an id that names no action).</summary>
    internal static CampaignActionPayload Refused(UserError error) => new((CampaignAction?)null) { Errors = [error] };

    private static readonly RaceAnswers Races = new(UserError.Conflict("The action is busy: try again."), Retries: 49);
}

public sealed class CampaignActionPayloadType : PayloadType<CampaignActionPayload>
{
    public CampaignActionPayloadType() : base("CampaignActionPayload", "The action, or why nothing changed.") =>
        Field<CampaignActionType>("action").Description("The action.").Resolve(ctx => ctx.Source.Action);
}
