using System.Collections.Concurrent;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Tells subscribers on this node that a campaign's progress changed. Fed by <see cref="ProgressListener"/>,
/// which hears of every change on any node through PostgreSQL's NOTIFY.
/// </summary>
public sealed class CampaignProgressFeed
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action>> listeners = new();

    public IDisposable Listen(Guid campaignId, Action changed)
    {
        var key = Guid.NewGuid();
        listeners.GetOrAdd(campaignId, _ => new()).TryAdd(key, changed);
        return new Subscription(() =>
        {
            if (listeners.TryGetValue(campaignId, out var set)) set.TryRemove(key, out _);
        });
    }

    public void Publish(Guid campaignId)
    {
        if (!listeners.TryGetValue(campaignId, out var set)) return;
        foreach (var listener in set.Values) listener();
    }

    /// <summary>Tells every subscriber to reload (after notifications may have been missed).</summary>
    public void PublishAll()
    {
        foreach (var campaignId in listeners.Keys) Publish(campaignId);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
