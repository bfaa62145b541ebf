namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Campaign.viewerOrganises: whether the caller is one of the people who run the campaign, so a screen offers
/// check-in, the walk-in search, messages to the campaign's participants and the campaign's management only to those
/// the server lets use them. Pure and cheap: decided from the caller's grants (read by the token check) and the
/// campaign already loaded (no round trip, nothing personal read, so no read to record).
/// </summary>
public static class ViewerOrganises
{
    /// <summary>
    /// True for admins and for holders of an active CAMPAIGN_ORGANISER grant on the campaign
    /// (<see cref="Caller.OrganisesCampaign"/>); false for everyone else, anonymous callers included, and for organisers
    /// of branches who hold no grant on it. The one rule of who runs a campaign: its management, check-in, the walk-in
    /// search and the sign-up list ask it too (with no campaign found, only admins).
    /// </summary>
    public static bool Of(Caller? caller, Campaign? campaign) =>
        caller is not null && (caller.IsAdmin || (campaign is not null && caller.OrganisesCampaign(campaign.Id)));

    /// <summary>The same rule for the campaign with this id (an action's campaign: nothing to load).</summary>
    public static bool Of(Caller? caller, Guid campaignId) => caller is not null && caller.OrganisesCampaign(campaignId);

    /// <summary>The refusal of a campaign's management to whoever does not run it.</summary>
    public const string Forbidden = "Only admins and the campaign's organisers (CAMPAIGN_ORGANISER on it) manage a campaign.";
}
