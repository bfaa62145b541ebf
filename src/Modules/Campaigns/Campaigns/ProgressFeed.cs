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

/// <summary>Runs after the change committed: tells every node, this one included, through PostgreSQL.</summary>
public static class CampaignProgressChangedHandler
{
    public static void Handle(CampaignProgressChanged message, ProgressNotifier notifier) => notifier.Notify(message.CampaignId);
}

/// <summary>
/// The values of one campaign's progress as an observable: the current value on subscribing, then a new
/// value after every change, in order. A value equal to the last one sent is not sent again: notices may
/// come late (a change already in the first value) or in bulk (the reload after the listener reconnected).
/// </summary>
public sealed class ProgressObservable<T>(Guid campaignId, CampaignProgressFeed feed, Func<CancellationToken, Task<T>> load) : IObservable<T>
{
    public IDisposable Subscribe(IObserver<T> observer)
    {
        var gate = new SemaphoreSlim(1, 1);
        var cancellation = new CancellationTokenSource();
        var sent = false;
        T last = default!;
        async Task PushAsync()
        {
            try
            {
                await gate.WaitAsync(cancellation.Token);
                try
                {
                    var value = await load(cancellation.Token);
                    if (sent && EqualityComparer<T>.Default.Equals(last, value)) return;
                    (sent, last) = (true, value);
                    observer.OnNext(value);
                }
                finally { gate.Release(); }
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
#pragma warning disable CA1031 // a failed read ends this subscriber's stream with an error, not the process
            catch (Exception e) { observer.OnError(e); }
#pragma warning restore CA1031
        }
        var listening = feed.Listen(campaignId, () => _ = PushAsync());
        _ = PushAsync();
        return new Unsubscriber(() =>
        {
            listening.Dispose();
            cancellation.Cancel();
            cancellation.Dispose();
        });
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
