namespace WorkersPower.Campaigns.Contracts;

/// <summary>
/// Who takes part in an action or a campaign, for a module that writes to them (Membership's organisers' messages):
/// member ids only, and only for a reader who may reach them. Campaigns registers it in DI.
/// </summary>
public interface ICampaignAudience
{
    /// <summary>
    /// The members signed up for the action (those who withdrew left out; those who attended in), or null when
    /// there is no such action.
    /// </summary>
    Task<CampaignAudience?> OfActionAsync(Guid actionId, CampaignAudienceReader reader, CancellationToken cancellationToken);

    /// <summary>The members signed up for any action of the campaign (each once), or null when there is no such campaign.</summary>
    Task<CampaignAudience?> OfCampaignAsync(Guid campaignId, CampaignAudienceReader reader, CancellationToken cancellationToken);
}

/// <summary>Who asks: their account, their member record if any, and their roles (from their token).</summary>
public sealed record CampaignAudienceReader(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles);

/// <summary>
/// What an action or a campaign reaches. <paramref name="Description"/> names it without personal data (e.g. the
/// action "Picket" on 3 December 2026, campaign "Save the depot"). <paramref name="MemberIds"/> is null when the
/// reader may not reach these members: only admins and the campaign's organisers may.
/// </summary>
public sealed record CampaignAudience(string Description, IReadOnlyList<Guid>? MemberIds)
{
    public bool Reachable => MemberIds is not null;
}
