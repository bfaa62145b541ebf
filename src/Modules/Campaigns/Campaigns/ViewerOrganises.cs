namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Campaign.viewerOrganises: whether the caller is one of the people who run the campaign, so a screen offers
/// check-in, the walk-in search and messages to the campaign's participants only to those the server lets use them.
/// Pure and cheap: decided from the token and the campaign document already loaded (no round trip, nothing personal
/// read, so no read to record).
/// </summary>
public static class ViewerOrganises
{
    /// <summary>
    /// True for admins, and for the campaign's organisers in <see cref="SignUps.SignUpAccess"/>'s sense (whoever
    /// launched it or scheduled one of its actions, while they hold the ORGANISER role); false for everyone else,
    /// anonymous callers included. The one rule of who runs a campaign: check-in and the walk-in search ask it too
    /// (with no campaign found, only admins).
    /// </summary>
    public static bool Of(Caller? caller, Campaign? campaign) =>
        caller is not null && (caller.IsAdmin
            || (caller.Organises && caller.MemberId is { } me && campaign is not null && campaign.OrganiserMemberIds.Contains(me)));
}
