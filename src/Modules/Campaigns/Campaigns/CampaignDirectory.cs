using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Campaigns.Campaigns;

internal sealed class CampaignDirectory(ICampaignsStore store) : ICampaignDirectory
{
    public async Task<string?> FindTitleAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<Campaign>(campaignId, cancellationToken))?.Title;
    }
}
