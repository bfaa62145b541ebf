using System.Diagnostics;

namespace WorkersPower.Platform.Live;

/// <summary>
/// Live values for this node's subscribers: per key, one load per change whatever the number of subscribers, its value
/// handed to each of them. A subscriber gets the current value on subscribing (a load that started after it arrived,
/// shared with everyone who arrived meanwhile), then a new value after every change, in order. A notice that brings the
/// new value is handed on as it is; one that does not (null) is a change to load. A value that is not newer than the last
/// one a subscriber was sent (by <paramref name="isNewer"/>; unless given, a value equal to the last one) is not sent:
/// notices may come late (a change already in the first value) or in bulk (the reload after the listener reconnected).
/// Each subscriber is sent its values on its own (a slow client holds up nobody else; it gets the latest value when it
/// is ready again). A key with no subscriber left costs nothing: its notices are not listened to.
/// Loads of one key start at least <paramref name="interval"/> apart (100 ms unless given): changes that come sooner
/// wait for the interval's end and share the next load, so a busy campaign sends each of its subscribers at most ten
/// values a second, however many members sign up (a thousand subscribers and a hundred sign-ups a second are ten
/// thousand values a second, not a hundred thousand), each at most one interval late.
/// </summary>
/// <param name="listen">Listens to the notices of a key (e.g. <see cref="LiveFeed{T}.Listen"/>).</param>
/// <param name="load">Reads a key's value now.</param>
/// <param name="isNewer">Whether a value (the second) is newer than another one (the first).</param>
public class LiveStreams<T>(Func<Guid, Action<T?>, IDisposable> listen, Func<Guid, CancellationToken, Task<T>> load,
    Func<T, T, bool>? isNewer = null, TimeSpan? interval = null) where T : class
{
    /// <summary>The least time between two loads of one key's value on one node, unless another is given.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    private readonly Func<Guid, Action<T?>, IDisposable> listen = listen;
    private readonly Func<Guid, CancellationToken, Task<T>> load = load;
    private readonly Func<T, T, bool> isNewer = isNewer ?? ((last, value) => !EqualityComparer<T>.Default.Equals(last, value));
    private readonly TimeSpan interval = interval ?? DefaultInterval;
    private readonly Dictionary<Guid, Hub> hubs = [];
    private readonly Lock gate = new();
    private long loads;

    /// <summary>How many loads have run on this node (for tests).</summary>
    public long Loads => Interlocked.Read(ref loads);

    /// <summary>The value of one key as an observable.</summary>
    public IObservable<T> Of(Guid key) => new Stream(this, key, key);

    /// <summary>
    /// The value of one part of something (e.g. one action's counts, <paramref name="key"/> its id) as an observable:
    /// loaded by its key, reloaded on every notice of <paramref name="noticeKey"/> (e.g. its campaign; a value equal to
    /// the last one sent is not sent again, so a change elsewhere in the campaign sends nothing).
    /// </summary>
    public IObservable<T> Of(Guid key, Guid noticeKey) => new Stream(this, key, noticeKey);

    private IDisposable Subscribe(Guid key, Guid noticeKey, IObserver<T> observer)
    {
        var subscriber = new LiveSubscriber<T>(observer, isNewer);
        Hub? hub;
        lock (gate)
        {
            if (!hubs.TryGetValue(key, out hub)) hubs[key] = hub = new Hub(this, key, noticeKey);
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

    private LiveSubscriber<T>[] SubscribersOf(Hub hub)
    {
        lock (gate) return [.. hub.Subscribers];
    }

    private sealed class Stream(LiveStreams<T> streams, Guid key, Guid noticeKey) : IObservable<T>
    {
        public IDisposable Subscribe(IObserver<T> observer) => streams.Subscribe(key, noticeKey, observer);
    }

    /// <summary>One key's subscribers on this node and its one load at a time.</summary>
    private sealed class Hub
    {
        private readonly LiveStreams<T> streams;
        private readonly Guid key;
        private readonly IDisposable listening;
        private readonly CancellationTokenSource stopping = new();
        private readonly Lock loadGate = new();
        private bool dirty;
        private bool loading;
        private long lastLoadStarted; // Stopwatch ticks; 0: never

        public Hub(LiveStreams<T> streams, Guid key, Guid noticeKey)
        {
            this.streams = streams;
            this.key = key;
            listening = streams.listen(noticeKey, Notified);
        }

        /// <summary>Guarded by the streams' lock.</summary>
        public List<LiveSubscriber<T>> Subscribers { get; } = [];

        private void Notified(T? value)
        {
            if (value is null) Reload();
            else Offer(value);
        }

        private void Offer(T value)
        {
            foreach (var subscriber in streams.SubscribersOf(this)) subscriber.Offer(value);
        }

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
                    Offer(await streams.load(key, stopping.Token).ConfigureAwait(false));
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
                catch (Exception e)
                {
                    // a failed read ends the subscribers' streams with an error, not the process
                    foreach (var subscriber in streams.SubscribersOf(this)) subscriber.Fail(e);
                }
            }
        }

        public void Stop()
        {
            listening.Dispose();
            stopping.Cancel();
        }
    }
}
