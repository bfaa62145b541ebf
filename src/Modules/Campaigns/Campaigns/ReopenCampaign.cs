namespace WorkersPower.Campaigns.Campaigns;

/// <summary>reopenCampaign: an organiser or admin reopens a concluded campaign. Input: <see cref="CampaignIdInput"/>.</summary>
public sealed record ReopenCampaign(Guid CampaignId, Caller Actor)
{
    /// <summary>The rule: only a concluded campaign.</summary>
    public Decision Decide(Campaign campaign, DateTimeOffset now) =>
        campaign.Status == CampaignStatus.Active
            ? Decision.Refuse(UserError.InvalidState("The campaign is active already."))
            : Decision.Accept(new CampaignReopened(campaign.Id, Actor.AccountId, now));
}

public static class ReopenCampaignHandler
{
    public static async Task<CommandResult> Handle(ReopenCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Campaign>(command.CampaignId, ct);
        if (stream.Aggregate is not { } campaign) return CommandResult.Refused(CampaignRules.NoSuchCampaign);
        var decision = command.Decide(campaign, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return decision.ToResult(campaign.Id);
    }
}

internal sealed class ReopenCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<CampaignIdInput>>("reopenCampaign", "Reopen a concluded campaign (organisers, admins).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx => await CampaignPayload.RunAsync(ctx, ctx.Input<CampaignIdInput>().CampaignId, id => new ReopenCampaign(id, ctx.Caller())));
}
