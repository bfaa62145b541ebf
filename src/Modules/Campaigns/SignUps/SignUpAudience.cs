using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Campaigns.SignUps;

/// <summary>
/// Campaigns' answer to <see cref="ICampaignAudience"/>: the members signed up for an action or a campaign (ids
/// only), for admins and the campaign's organisers (<see cref="MayReach"/>). A withdrawn sign-up is left out; an
/// attendance counts (whoever came may be written to afterwards); a cancelled action's sign-ups stay (they are
/// the people to tell what happens instead).
/// </summary>
internal sealed class SignUpAudience(ICampaignsStore store) : ICampaignAudience
{
    public async Task<CampaignAudience?> OfActionAsync(Guid actionId, CampaignAudienceReader reader, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<CampaignAction>(actionId, cancellationToken) is not { } action) return null;
        var campaign = await session.LoadAsync<Campaign>(action.CampaignId, cancellationToken);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"the action \"{action.Title}\" on {action.StartsAt.UtcDateTime:d MMMM yyyy}{(action.Status == ActionStatus.Cancelled ? " (cancelled)" : "")}, campaign \"{campaign?.Title}\"");
        if (!MayReach(ToCaller(reader), campaign?.OrganiserMemberIds ?? [])) return new CampaignAudience(description, null);
        var members = await session.Query<ActionSignUp>()
            .Where(s => s.ActionId == actionId && s.Status != SignUpStatus.Withdrawn)
            .Select(s => s.MemberId)
            .ToListAsync(cancellationToken);
        return new CampaignAudience(description, members.Distinct().ToList());
    }

    public async Task<CampaignAudience?> OfCampaignAsync(Guid campaignId, CampaignAudienceReader reader, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<Campaign>(campaignId, cancellationToken) is not { } campaign) return null;
        var description = $"any action of the campaign \"{campaign.Title}\"";
        if (!MayReach(ToCaller(reader), campaign.OrganiserMemberIds)) return new CampaignAudience(description, null);
        var members = await session.Query<ActionSignUp>()
            .Where(s => s.CampaignId == campaignId && s.Status != SignUpStatus.Withdrawn)
            .Select(s => s.MemberId)
            .ToListAsync(cancellationToken);
        return new CampaignAudience(description, members.Distinct().ToList());
    }

    /// <summary>
    /// Who may write to the people taking part in a campaign: admins, and the campaign's organisers (whoever
    /// launched it or scheduled one of its actions) while they hold the ORGANISER role. Organisers of other
    /// campaigns may not, even for members of their own branch (they write to their branch instead).
    /// </summary>
    public static bool MayReach(Caller reader, IReadOnlyCollection<Guid> campaignOrganisers) =>
        reader.IsAdmin || (reader.Organises && reader.MemberId is { } me && campaignOrganisers.Contains(me));

    private static Caller ToCaller(CampaignAudienceReader reader) => new(reader.AccountId, reader.MemberId, reader.Roles);
}
