using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace WorkersPower.Host.Operations;

/// <summary>A message that failed for good, as an admin sees it (never its body: it may hold member data).</summary>
public sealed record DeadLetter(
    Guid Id,
    string Queue,
    string MessageType,
    string ExceptionType,
    string ExceptionMessage,
    DateTimeOffset SentAt,
    DateTimeOffset? FailedAt,
    bool Replayable,
    int ReplayCount)
{
    /// <summary>Newest first, then by id: a key that sorts that way as text, descending.</summary>
    public string Key => $"{(FailedAt ?? SentAt).UtcTicks:D19}|{Id:N}";
}

/// <summary>
/// The dead letters of every Wolverine message store. The module stores are registered as ancillary stores,
/// but on one database Wolverine keeps a single set of envelope tables (schema <c>wolverine</c>) for all of
/// them; the ancillary stores are still asked, in case a deployment splits them, and each store is read once.
/// </summary>
public sealed class DeadLetterStores(IWolverineRuntime runtime, IEnumerable<ModuleStore> modules)
{
    /// <summary>How many dead letters of one store are read for a list; the total count is exact regardless.</summary>
    public const int ReadPerStore = 1000;

    /// <summary>
    /// Every distinct message store: the main one and the modules' ancillary ones. On one database they share one set
    /// of envelope tables, so stores are told apart by their address and each set is read once.
    /// </summary>
    public async Task<IReadOnlyList<IMessageStore>> StoresAsync()
    {
        var ancillary = modules.Where(m => runtime.Stores.HasAncillaryStoreFor(m.StoreType)).Select(m => runtime.Stores.FindAncillaryStore(m.StoreType));
        return (await runtime.Stores.FindAllAsync()).Concat(ancillary).DistinctBy(store => store.Uri.ToString(), StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Up to <see cref="ReadPerStore"/> of each store, newest first, and the exact total.</summary>
    public async Task<(IReadOnlyList<DeadLetter> Letters, int Total)> ListAsync(CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        var total = 0;
        foreach (var store in await StoresAsync())
        {
            var results = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = ReadPerStore }, cancellationToken);
            total += Math.Max(results.TotalCount, results.Envelopes.Count);
            letters.AddRange(results.Envelopes.Select(e => new DeadLetter(
                e.Id, e.ReceivedAt ?? "", e.MessageType, e.ExceptionType ?? "", e.ExceptionMessage ?? "", e.SentAt, e.FailedAt, e.Replayable, e.ReplayCount)));
        }
        return (letters.OrderByDescending(l => l.Key, StringComparer.Ordinal).ToList(), total);
    }

    /// <summary>Which of the ids are dead letters, by the store that holds them (one query per store).</summary>
    public async Task<IReadOnlyList<(IMessageStore Store, Guid[] Ids)>> FindAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new List<(IMessageStore, Guid[])>();
        foreach (var store in await StoresAsync())
        {
            var here = (await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery(ids.ToArray()), cancellationToken))
                .Envelopes.Select(e => e.Id).Where(ids.Contains).ToArray();
            if (here.Length > 0) found.Add((store, here));
        }
        return found;
    }
}
