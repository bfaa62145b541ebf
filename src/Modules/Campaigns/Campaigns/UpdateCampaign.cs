namespace WorkersPower.Campaigns.Campaigns;

/// <summary>updateCampaign: one of its organisers or an admin changes a campaign's title, summary or goal.</summary>
[Description("What to change about a campaign; omitted fields stay (the slug never changes).")]
public sealed record UpdateCampaignInput(
    [property: Id, Description("The campaign's global id.")] string CampaignId,
    [property: Description("The title.")] string? Title,
    [property: Description("What it is about.")] string? Summary,
    [property: Description("The target; 0 removes it.")] int? Goal);

/// <param name="ClearGoal">Removes the goal (the input's goal 0).</param>
public sealed record UpdateCampaign(Guid CampaignId, string? Title, string? Summary, int? Goal, bool ClearGoal, Caller Actor)
{
    /// <summary>
    /// The rules: only the campaign's organisers and admins (<see cref="ViewerOrganises"/>; others FORBIDDEN); what is
    /// given is valid (<see cref="CampaignRules.Validate"/>), then the campaign exists (null: none).
    /// </summary>
    public Decision Decide(Campaign? campaign, DateTimeOffset now)
    {
        if (campaign is not null && !ViewerOrganises.Of(Actor, campaign)) return Decision.Deny(ViewerOrganises.Forbidden);
        var errors = CampaignRules.Validate(Title, Summary, Goal, required: false);
        if (errors.Count > 0) return Decision.Refuse(errors);
        if (campaign is null) return Decision.Refuse(CampaignRules.NoSuchCampaign);
        var goal = ClearGoal ? null : Goal ?? campaign.Goal;
        return Decision.Accept(new CampaignUpdated(campaign.Id, Title?.Trim() ?? campaign.Title, Summary?.Trim() ?? campaign.Summary, goal, Actor.AccountId, now));
    }
}

public static class UpdateCampaignHandler
{
    public static async Task<(CommandResult, CampaignProgressChanged?)> Handle(UpdateCampaign command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<Campaign>(command.CampaignId, campaign => command.Decide(campaign, clock.GetUtcNow()), ct);
        // the goal is part of the progress subscribers see
        var goalChanged = decision.Events is [CampaignUpdated updated] && updated.Goal != stream.Aggregate!.Goal;
        return (decision.ToResult(command.CampaignId), goalChanged ? new CampaignProgressChanged(command.CampaignId) : null);
    }
}

internal sealed class UpdateCampaignField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CampaignPayloadType, AutoRegisteringInputObjectGraphType<UpdateCampaignInput>>("updateCampaign", "Change a campaign's title, summary or goal (its organisers, CAMPAIGN_ORGANISER on it, and admins; others FORBIDDEN).")
            .AuthorizeWithRoles(Roles.Organiser, Roles.CampaignOrganiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<UpdateCampaignInput>();
                return await CampaignPayload.RunAsync(ctx, input.CampaignId, id => new UpdateCampaign(id, input.Title, input.Summary, input.Goal is 0 ? null : input.Goal, input.Goal == 0, ctx.Caller()));
            });
}
