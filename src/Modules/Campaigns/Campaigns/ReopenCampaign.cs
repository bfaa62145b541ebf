namespace WorkersPower.Campaigns.Campaigns;

/// <summary>reopenCampaign: one of its organisers or an admin reopens a concluded campaign. Input: <see cref="CampaignIdInput"/>.</summary>
public sealed record ReopenCampaign(Guid CampaignId, Caller Actor)
{
    /// <summary>The rules: only its organisers and admins (<see cref="ViewerOrganises"/>); only a concluded campaign.</summary>
    public Decision Decide(Campaign campaign, DateTimeOffset now)
    {
        if (!ViewerOrganises.Of(Actor, campaign)) return Decision.Deny(ViewerOrganises.Forbidden);
        return campaign.Status == CampaignStatus.Active
            ? Decision.Refuse(UserError.InvalidState("The campaign is active already."))
            : Decision.Accept(new CampaignReopened(campaign.Id, Actor.AccountId, now));
    }
}

public static class ReopenCampaignHandler
{
    public static Task<CommandResult> Handle(ReopenCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Campaign>(command.CampaignId, CampaignRules.NoSuchCampaign, campaign => command.Decide(campaign, clock.GetUtcNow()), ct);
}

internal sealed class ReopenCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<CampaignIdInput>>("reopenCampaign", "Reopen a concluded campaign (its organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx => await CampaignPayload.RunAsync(ctx, ctx.Input<CampaignIdInput>().CampaignId, id => new ReopenCampaign(id, ctx.Caller())));
}
