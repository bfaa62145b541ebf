namespace WorkersPower.Campaigns.Campaigns;

/// <summary>concludeCampaign: one of its organisers or an admin concludes a campaign (it can be reopened). Input: <see cref="CampaignIdInput"/>.</summary>
public sealed record ConcludeCampaign(Guid CampaignId, Caller Actor)
{
    /// <summary>The rules: only its organisers and admins (<see cref="ViewerOrganises"/>); not when it is concluded already.</summary>
    public Decision Decide(Campaign campaign, DateTimeOffset now)
    {
        if (!ViewerOrganises.Of(Actor, campaign)) return Decision.Deny(ViewerOrganises.Forbidden);
        return campaign.Status == CampaignStatus.Concluded
            ? Decision.Refuse(UserError.InvalidState("The campaign is concluded already."))
            : Decision.Accept(new CampaignConcluded(campaign.Id, Actor.AccountId, now));
    }
}

public static class ConcludeCampaignHandler
{
    public static Task<CommandResult> Handle(ConcludeCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Campaign>(command.CampaignId, CampaignRules.NoSuchCampaign, campaign => command.Decide(campaign, clock.GetUtcNow()), ct);
}

internal sealed class ConcludeCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<CampaignIdInput>>("concludeCampaign", "Conclude a campaign (its organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx => await CampaignPayload.RunAsync(ctx, ctx.Input<CampaignIdInput>().CampaignId, id => new ConcludeCampaign(id, ctx.Caller())));
}
