using GraphQL.DataLoader;

namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// Collects the keys asked for while a level of the query is resolved, then loads them all with one
/// call when the first result is awaited. One instance lives per request (see <see cref="BatchLoaders"/>),
/// so it also caches what it loaded for the rest of the request.
/// </summary>
public sealed class BatchLoader<TKey, TValue> where TKey : notnull
{
    private readonly Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch;
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> loaded = [];
    private readonly List<TKey> pending = [];

    public BatchLoader(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch) =>
        this.fetch = fetch;

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (gate)
        {
            if (!loaded.TryGetValue(key, out var slot))
            {
                slot = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                loaded[key] = slot;
                pending.Add(key);
            }
            return new Result(this, slot);
        }
    }

    /// <summary>
    /// Gives the loader a value read by another query of the same request (e.g. with the document it belongs to), so a
    /// later <see cref="Load"/> of the key does not fetch it again; a key already asked for keeps what it has.
    /// </summary>
    public void Prime(TKey key, TValue? value)
    {
        lock (gate)
        {
            if (loaded.ContainsKey(key)) return;
            var slot = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
            slot.SetResult(value);
            loaded[key] = slot;
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<(TKey Key, TaskCompletionSource<TValue?> Slot)> batch;
        lock (gate)
        {
            if (pending.Count == 0) return;
            batch = pending.Select(k => (k, loaded[k])).ToList();
            pending.Clear();
        }
        try
        {
            var values = await fetch(batch.Select(b => b.Key).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (key, slot) in batch)
                slot.TrySetResult(values.TryGetValue(key, out var v) ? v : default);
        }
        catch (Exception e)
        {
            foreach (var (_, slot) in batch) slot.TrySetException(e);
        }
    }

    private sealed class Result(BatchLoader<TKey, TValue> loader, TaskCompletionSource<TValue?> slot) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!slot.Task.IsCompleted) await loader.DispatchAsync(cancellationToken).ConfigureAwait(false);
            return await slot.Task.ConfigureAwait(false);
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The request's batch loaders, by name (a scoped service: one set per GraphQL request).</summary>
public sealed class BatchLoaders
{
    private readonly Dictionary<string, object> loaders = [];
    private readonly Lock gate = new();

    public BatchLoader<TKey, TValue> Get<TKey, TValue>(
        string name,
        Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        lock (gate)
        {
            if (!loaders.TryGetValue(name, out var loader))
                loaders[name] = loader = new BatchLoader<TKey, TValue>(fetch);
            return (BatchLoader<TKey, TValue>)loader;
        }
    }
}

public static class BatchLoaderExtensions
{
    /// <summary>The batch loaders of the request a resolver runs in.</summary>
    public static BatchLoaders BatchLoaders(this global::GraphQL.IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<BatchLoaders>();

    /// <summary>
    /// A document of <paramref name="store"/> by its id, batched per request under the name <paramref name="loader"/>.
    /// The fetch holds the store, never the context: a resolver that awaits a load (a node resolver does) lets its
    /// context be recycled while a later field's load of the same batch is still to run.
    /// </summary>
    public static IDataLoaderResult<T?> LoadDocument<T>(this global::GraphQL.IResolveFieldContext context, IDocumentStore store, string loader, Guid id, Func<T, Guid> idOf)
        where T : notnull =>
        context.BatchLoaders().Get<Guid, T>(loader, async (ids, ct) =>
        {
            await using var session = store.QuerySession();
            return (await session.LoadManyAsync<T>(ct, ids)).ToDictionary(idOf);
        }).Load(id);
}

public static class DataLoaderResultExtensions
{
    /// <summary>Maps a deferred result without awaiting it (the batch still loads once).</summary>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
