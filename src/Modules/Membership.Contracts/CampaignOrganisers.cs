namespace WorkersPower.Membership.Contracts;

/// <summary>
/// Asks Membership (through Wolverine, durably) to grant a member CAMPAIGN_ORGANISER on a campaign: sent by Campaigns
/// when a member launches a campaign, and once for each campaign's launcher and schedulers when grants were introduced.
/// Idempotent: a member who already holds an active CAMPAIGN_ORGANISER grant on the campaign gets no second one.
/// </summary>
/// <param name="MemberId">Who gets the grant.</param>
/// <param name="CampaignId">The campaign it is on.</param>
/// <param name="By">The account that caused it (the launcher's; the platform's, Guid.Empty, for the migration).</param>
/// <param name="Reason">Why, in words kept with the grant (e.g. "Launched the campaign").</param>
/// <param name="OnlyIfOrganiser">Grant only if the member holds ORGANISER (anywhere) or ADMIN: the migration's rule,
/// as before grants a launcher or scheduler ran a campaign only while holding ORGANISER.</param>
public sealed record GrantCampaignOrganiser(Guid MemberId, Guid CampaignId, Guid By, string Reason, bool OnlyIfOrganiser);

/// <summary>What other modules may ask Membership about campaign organisers (Membership registers it in DI).</summary>
public interface ICampaignOrganisers
{
    /// <summary>The members holding an active CAMPAIGN_ORGANISER grant on the campaign now.</summary>
    Task<IReadOnlyList<Guid>> MemberIdsAsync(Guid campaignId, CancellationToken cancellationToken);
}
