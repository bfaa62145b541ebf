namespace WorkersPower.Campaigns.Contracts;

/// <summary>What other modules may ask Campaigns about its campaigns (Campaigns registers it in DI).</summary>
public interface ICampaignDirectory
{
    /// <summary>The campaign's title, or null when there is no campaign with this id.</summary>
    Task<string?> FindTitleAsync(Guid campaignId, CancellationToken cancellationToken);

    /// <summary>The id of the campaign at this address (slug), or null when there is none.</summary>
    Task<Guid?> FindIdAsync(string slug, CancellationToken cancellationToken);
}
