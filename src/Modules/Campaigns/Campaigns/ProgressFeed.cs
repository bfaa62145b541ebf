using WorkersPower.Platform.Live;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Tells subscribers on this node that a campaign's progress changed. Fed by <see cref="ProgressListener"/>,
/// which hears of every change on any node through PostgreSQL's NOTIFY. Its notices carry no value: each is a change to load.
/// </summary>
public sealed class CampaignProgressFeed : LiveFeed<object>;

/// <summary>
/// Live progress values for this node's subscribers (see <see cref="LiveStreams{T}"/>): a campaign's, or one of its
/// parts' (e.g. one action's counts), loaded again on every change of the campaign's progress.
/// </summary>
public sealed class ProgressStreams<T>(CampaignProgressFeed feed, Func<Guid, CancellationToken, Task<T>> load, TimeSpan? interval = null)
    : LiveStreams<T>((campaignId, changed) => feed.Listen(campaignId, _ => changed(null)), load, interval: interval) where T : class;
