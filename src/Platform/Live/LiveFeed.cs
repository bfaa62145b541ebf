using System.Collections.Concurrent;

namespace WorkersPower.Platform.Live;

/// <summary>
/// Tells listeners on this node that a key's live value (a campaign's progress, a ballot's turnout) changed. Fed by a
/// <see cref="NotificationListener{T}"/>, which hears of every change on any node through PostgreSQL's NOTIFY. A notice
/// is the new value, or null: it changed (or may have, after notices were missed), read it again.
/// </summary>
public class LiveFeed<T> where T : class
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<T?>>> listeners = new();

    public IDisposable Listen(Guid key, Action<T?> changed)
    {
        var id = Guid.NewGuid();
        listeners.GetOrAdd(key, _ => new()).TryAdd(id, changed);
        return new Unsubscriber(() =>
        {
            if (listeners.TryGetValue(key, out var set)) set.TryRemove(id, out _);
        });
    }

    public void Publish(Guid key, T? value = null)
    {
        if (!listeners.TryGetValue(key, out var set)) return;
        foreach (var listener in set.Values) listener(value);
    }

    /// <summary>Tells every listener to reload (after notifications may have been missed).</summary>
    public void ReloadAll()
    {
        foreach (var key in listeners.Keys) Publish(key);
    }
}

/// <summary>Ends a subscription once, however many times it is disposed.</summary>
internal sealed class Unsubscriber(Action dispose) : IDisposable
{
    private int disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
    }
}
