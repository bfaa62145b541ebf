using System.Diagnostics;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>
/// Live progress values for this node's subscribers: per campaign, one load per change whatever the number of
/// subscribers, its value handed to each of them. A subscriber gets the current value on subscribing (a load
/// that started after it arrived, shared with everyone who arrived meanwhile), then a new value after every
/// change, in order. A value equal to the last one a subscriber was sent is not sent again: notices may come
/// late (a change already in the first value) or in bulk (the reload after the listener reconnected). Each
/// subscriber is sent its values on its own (a slow client holds up nobody else; it gets the latest value
/// when it is ready again). A campaign with no subscriber left costs nothing: its notices are not listened to.
/// Loads of one campaign start at least <paramref name="interval"/> apart (100 ms unless given): changes that come
/// sooner wait for the interval's end and share the next load, so a busy campaign sends each of its subscribers at
/// most ten values a second, however many members sign up (a thousand subscribers and a hundred sign-ups a second
/// are ten thousand values a second, not a hundred thousand), each at most one interval late.
/// </summary>
public sealed class ProgressStreams<T>(CampaignProgressFeed feed, Func<Guid, CancellationToken, Task<T>> load, TimeSpan? interval = null)
{
    /// <summary>The least time between two loads of one campaign's progress on one node, unless another is given.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly CampaignProgressFeed feed = feed;
    private readonly Func<Guid, CancellationToken, Task<T>> load = load;
    private readonly TimeSpan interval = interval ?? DefaultInterval;
    private readonly Dictionary<Guid, Hub> hubs = [];
    private readonly Lock gate = new();
    private long loads;

    /// <summary>How many loads have run on this node (for tests).</summary>
    public long Loads => Interlocked.Read(ref loads);

    /// <summary>The progress of one campaign as an observable.</summary>
    public IObservable<T> Of(Guid campaignId) => new CampaignStream(this, campaignId, campaignId);

    /// <summary>
    /// The value of one part of a campaign (e.g. one action's counts, <paramref name="key"/> its id) as an observable:
    /// loaded by its key, reloaded on every change of <paramref name="campaignId"/>'s progress (a value equal to the
    /// last one sent is not sent again, so a change elsewhere in the campaign sends nothing).
    /// </summary>
    public IObservable<T> Of(Guid key, Guid campaignId) => new CampaignStream(this, key, campaignId);

    private IDisposable Subscribe(Guid key, Guid campaignId, IObserver<T> observer)
    {
        var subscriber = new Subscriber(observer);
        Hub? hub;
        lock (gate)
        {
            if (!hubs.TryGetValue(key, out hub)) hubs[key] = hub = new Hub(this, key, campaignId);
            hub.Subscribers.Add(subscriber);
        }
        hub.Reload();
        return new Unsubscriber(() =>
        {
            subscriber.Stop();
            lock (gate)
            {
                if (!hub.Subscribers.Remove(subscriber) || hub.Subscribers.Count > 0) return;
                hubs.Remove(key);
            }
            hub.Stop();
        });
    }

    private Subscriber[] SubscribersOf(Hub hub)
    {
        lock (gate) return [.. hub.Subscribers];
    }

    private sealed class CampaignStream(ProgressStreams<T> streams, Guid key, Guid campaignId) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer) => streams.Subscribe(key, campaignId, observer);
    }

    /// <summary>One key's (a campaign's, or a part's of one) subscribers on this node and its one load at a time.</summary>
    private sealed class Hub
    {
        private readonly ProgressStreams<T> streams;
        private readonly Guid key;
        private readonly IDisposable listening;
        private readonly CancellationTokenSource stopping = new();
        private readonly Lock loadGate = new();
        private bool dirty;
        private bool loading;
        private long lastLoadStarted; // Stopwatch ticks; 0: never

        public Hub(ProgressStreams<T> streams, Guid key, Guid campaignId)
        {
            this.streams = streams;
            this.key = key;
            listening = streams.feed.Listen(campaignId, Reload);
        }

        /// <summary>Guarded by the streams' lock.</summary>
        public List<Subscriber> Subscribers { get; } = [];

        /// <summary>
        /// Asks for a load that starts after now: none runs yet, one starts; one runs, another follows it (however
        /// many ask meanwhile, one).
        /// </summary>
        public void Reload()
        {
            lock (loadGate)
            {
                dirty = true;
                if (loading) return;
                loading = true;
            }
            // unsafe: no request's context (its activity, its scope) follows into a load shared by everyone
            ThreadPool.UnsafeQueueUserWorkItem(static hub => _ = hub.LoadAsync(), this, preferLocal: false);
        }

        private async Task LoadAsync()
        {
            while (true)
            {
                // Not sooner than the interval after the last load: what changes meanwhile shares the next one.
                if (lastLoadStarted != 0 && Stopwatch.GetElapsedTime(lastLoadStarted) is var since && since < streams.interval)
                {
                    try
                    {
                        await Task.Delay(streams.interval - since, stopping.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) { }
                }
                lock (loadGate)
                {
                    if (!dirty || stopping.IsCancellationRequested)
                    {
                        loading = false;
                        return;
                    }
                    dirty = false;
                }
                Interlocked.Increment(ref streams.loads);
                lastLoadStarted = Stopwatch.GetTimestamp();
                try
                {
                    var value = await streams.load(key, stopping.Token).ConfigureAwait(false);
                    foreach (var subscriber in streams.SubscribersOf(this)) subscriber.Offer(value);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
#pragma warning disable CA1031 // a failed read ends the subscribers' streams with an error, not the process
                catch (Exception e)
                {
                    foreach (var subscriber in streams.SubscribersOf(this)) subscriber.Fail(e);
                }
#pragma warning restore CA1031
            }
        }

        public void Stop()
        {
            listening.Dispose();
            stopping.Cancel();
        }
    }

    /// <summary>One subscriber: its values in order, one at a time, the latest one when it falls behind.</summary>
    private sealed class Subscriber(IObserver<T> observer)
    {
        private readonly Lock gate = new();
        private bool draining;
        private bool stopped;
        private bool hasNext;
        private T next = default!;
        private Exception? error;
        private bool sent;
        private T last = default!;

        public void Offer(T value)
        {
            lock (gate)
            {
                if (stopped) return;
                (hasNext, next) = (true, value);
                if (draining) return;
                draining = true;
            }
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Drain(), this, preferLocal: false);
        }

        public void Fail(Exception e)
        {
            lock (gate)
            {
                if (stopped) return;
                error ??= e;
                if (draining) return;
                draining = true;
            }
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Drain(), this, preferLocal: false);
        }

        public void Stop()
        {
            lock (gate) stopped = true;
        }

        private void Drain()
        {
            while (true)
            {
                T value;
                Exception? failure = null;
                lock (gate)
                {
                    if (stopped || (!hasNext && error is null))
                    {
                        draining = false;
                        return;
                    }
                    if (hasNext)
                    {
                        value = next;
                        (hasNext, next) = (false, default!);
                    }
                    else
                    {
                        (value, failure, stopped) = (default!, error, true);
                    }
                }
#pragma warning disable CA1031 // an observer that throws ends its own stream, not the process
                try
                {
                    if (failure is not null)
                    {
                        observer.OnError(failure);
                        return;
                    }
                    if (sent && EqualityComparer<T>.Default.Equals(last, value)) continue;
                    (sent, last) = (true, value);
                    observer.OnNext(value);
                }
                catch (Exception e)
                {
                    Stop();
                    try { observer.OnError(e); }
                    catch (Exception) { }
                    return;
                }
#pragma warning restore CA1031
            }
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}
