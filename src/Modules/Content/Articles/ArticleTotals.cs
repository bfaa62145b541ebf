using System.Collections.Concurrent;
using System.Diagnostics;
using Marten.Services;

namespace WorkersPower.Content.Articles;

/// <summary>
/// The article lists' <c>totalCount</c>, kept on this node for up to <see cref="KeepFor"/> per list (its filter and
/// the caller's visibility): the total counts every article the list holds (10,000 published ones cost PostgreSQL
/// more than the page itself), and it changes only when an article does. Every commit of Content's store on this node
/// forgets them all (a total being counted meanwhile is not kept), so an editor's own change shows at once here;
/// another node's change shows within <see cref="KeepFor"/>, like a revoked token. The page itself is always read
/// fresh. A list's key holds only its conditions, never who asked.
/// </summary>
public sealed class ArticleTotals : DocumentSessionListenerBase
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (long Until, int Total)> totals = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>The current generation: <see cref="Keep"/> a total only with the generation read before counting it.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string list, out int total)
    {
        total = 0;
        if (!totals.TryGetValue(list, out var kept) || Stopwatch.GetTimestamp() > kept.Until) return false;
        total = kept.Total;
        return true;
    }

    public void Keep(string list, int total, long countedIn)
    {
        if (totals.Count > 10_000) totals.Clear();
        totals[list] = (Stopwatch.GetTimestamp() + (long)(KeepFor.TotalSeconds * Stopwatch.Frequency), total);
        // a commit since the count began may have changed it: not kept after all
        if (Generation != countedIn) totals.TryRemove(list, out _);
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        Interlocked.Increment(ref generation);
        totals.Clear();
        return Task.CompletedTask;
    }
}
