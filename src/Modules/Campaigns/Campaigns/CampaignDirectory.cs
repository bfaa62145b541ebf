using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Campaigns.Campaigns;

internal sealed class CampaignDirectory(ICampaignsStore store) : ICampaignDirectory
{
    public async Task<string?> FindTitleAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return (await session.LoadAsync<Campaign>(campaignId, cancellationToken))?.Title;
    }

    public async Task<Guid?> FindIdAsync(string slug, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var found = await session.Query<Campaign>().Where(c => c.Slug == slug).Select(c => c.Id).ToListAsync(cancellationToken);
        return found is [var id] ? id : null;
    }
}
