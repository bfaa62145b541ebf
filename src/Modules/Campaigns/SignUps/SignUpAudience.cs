using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Campaigns.SignUps;

/// <summary>
/// Campaigns' answer to <see cref="ICampaignAudience"/>: the members signed up for an action or a campaign (ids
/// only), for admins and the campaign's organisers (<see cref="MayReach"/>: CAMPAIGN_ORGANISER on it, as Membership's
/// <see cref="ICampaignOrganisers"/> says now). A withdrawn sign-up is left out; an
/// attendance counts (whoever came may be written to afterwards); a cancelled action's sign-ups stay (they are
/// the people to tell what happens instead).
/// </summary>
internal sealed class SignUpAudience(ICampaignsStore store, ICampaignOrganisers organisers) : ICampaignAudience
{
    public async Task<CampaignAudience?> OfActionAsync(Guid actionId, CampaignAudienceReader reader, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<CampaignAction>(actionId, cancellationToken) is not { } action) return null;
        var campaign = await session.LoadAsync<Campaign>(action.CampaignId, cancellationToken);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"the action \"{action.Title}\" on {action.StartsAt.UtcDateTime:d MMMM yyyy}{(action.Status == ActionStatus.Cancelled ? " (cancelled)" : "")}, campaign \"{campaign?.Title}\"");
        if (!await MayReachAsync(reader, action.CampaignId, cancellationToken)) return new CampaignAudience(description, null);
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
        if (!await MayReachAsync(reader, campaign.Id, cancellationToken)) return new CampaignAudience(description, null);
        var members = await session.Query<ActionSignUp>()
            .Where(s => s.CampaignId == campaignId && s.Status != SignUpStatus.Withdrawn)
            .Select(s => s.MemberId)
            .ToListAsync(cancellationToken);
        return new CampaignAudience(description, members.Distinct().ToList());
    }

    /// <summary>
    /// Who may write to the people taking part in a campaign: admins, and the campaign's organisers (the members holding
    /// an active CAMPAIGN_ORGANISER grant on it). Organisers of other campaigns may not, even for members of the
    /// branches they organise (they write to their branch instead); nor may whoever once launched or scheduled it
    /// without the grant now.
    /// </summary>
    /// <param name="campaignOrganisers">The members holding CAMPAIGN_ORGANISER on the campaign now.</param>
    public static bool MayReach(Caller reader, IReadOnlyCollection<Guid> campaignOrganisers) =>
        reader.IsAdmin || (reader.MemberId is { } me && campaignOrganisers.Contains(me));

    /// <summary>The reader's grants are not in the contract's reader: the campaign's organisers are asked of Membership (only for non-admins).</summary>
    private async Task<bool> MayReachAsync(CampaignAudienceReader reader, Guid campaignId, CancellationToken ct)
    {
        var caller = new Caller(reader.AccountId, reader.MemberId, reader.Roles);
        return caller.IsAdmin || (caller.MemberId is not null && MayReach(caller, await organisers.MemberIdsAsync(campaignId, ct)));
    }
}
