namespace WorkersPower.Platform.Live;

/// <summary>
/// One subscriber of <see cref="LiveStreams{T}"/>: its values in order, one at a time, the latest one when it falls
/// behind; a value not newer than the last one sent (or the one waiting) is dropped.
/// </summary>
internal sealed class LiveSubscriber<T>(IObserver<T> observer, Func<T, T, bool> isNewer)
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
            // the waiting value is replaced only by a newer one (a slow load may end after a notice's value)
            if (stopped || (hasNext && !isNewer(next, value))) return;
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
            try
            {
                if (failure is not null)
                {
                    observer.OnError(failure);
                    return;
                }
                if (sent && !isNewer(last, value)) continue;
                (sent, last) = (true, value);
                observer.OnNext(value);
            }
            catch (Exception e)
            {
                // an observer that throws ends its own stream, not the process
                Stop();
                try { observer.OnError(e); }
                catch (Exception) { }
                return;
            }
        }
    }
}
