using System.Collections.Concurrent;

namespace WorkersPower.Host.Telemetry;

/// <summary>One operation name's figures over a window.</summary>
public sealed record OperationSummary(string Name, string Type, long Count, long Errors, double P50Milliseconds, double P95Milliseconds, double P99Milliseconds, double MaxMilliseconds);

/// <summary>One minute of all operations: how many, how many failed, and the 95th percentile.</summary>
public sealed record OperationMinute(DateTimeOffset Start, long Count, long Errors, double P95Milliseconds);

/// <summary>
/// The GraphQL operations this node ran in the last hour, minute by minute, per operation name: what the operator's
/// page shows (the slowest operations, the rate and errors per minute). Kept in memory, per node, in fixed-size
/// histograms: a few kilobytes per name and minute, whatever the traffic. Names are those the client gave, limited
/// to <see cref="MaxNames"/> per process (then "other"), so a client inventing names cannot grow it.
/// </summary>
public sealed class OperationStats(TimeProvider clock)
{
    public const int MaxNames = 300;
    public const string Anonymous = "anonymous";
    public const string Other = "other";
    private const int Minutes = 60;

    /// <summary>Upper bounds of the histogram's buckets in milliseconds (the last one catches everything slower).</summary>
    public static readonly double[] BucketBounds = [1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, double.PositiveInfinity];

    private readonly ConcurrentDictionary<string, byte> names = new(StringComparer.Ordinal);
    private readonly Slot[] slots = Enumerable.Range(0, Minutes).Select(_ => new Slot()).ToArray();

    /// <summary>
    /// The name an operation is counted under (in these figures and in the metrics' <c>operation</c> tag): the
    /// operation's own name when it is a valid GraphQL name of at most 100 characters, else the persisted document's
    /// id, else "anonymous"; "other" once <see cref="MaxNames"/> names are known.
    /// </summary>
    public string NameFor(string? operationName, string? documentId)
    {
        var name = IsName(operationName) ? operationName! : IsName(documentId) ? documentId! : Anonymous;
        if (names.ContainsKey(name)) return name;
        if (names.Count >= MaxNames) return Other;
        names.TryAdd(name, 0);
        return name;
    }

    private static bool IsName(string? s) =>
        !string.IsNullOrEmpty(s) && s.Length <= 100 && (char.IsAsciiLetter(s[0]) || s[0] == '_')
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '.');

    /// <summary>Counts one operation (its name from <see cref="NameFor"/>, its type "query", "mutation" or "subscription").</summary>
    public void Record(string name, string type, TimeSpan duration, bool failed)
    {
        var now = clock.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var slot = slots[minute % Minutes];
        var milliseconds = duration.TotalMilliseconds;
        lock (slot)
        {
            if (slot.Minute != minute)
            {
                slot.Minute = minute;
                slot.Operations.Clear();
            }
            if (!slot.Operations.TryGetValue(name, out var figures)) slot.Operations[name] = figures = new Figures(type);
            figures.Add(milliseconds, failed);
        }
    }

    /// <summary>Each operation name over the last <paramref name="window"/> (at most an hour), slowest (by the 95th percentile) first.</summary>
    public IReadOnlyList<OperationSummary> Slowest(TimeSpan window, int count)
    {
        var merged = new Dictionary<string, Figures>(StringComparer.Ordinal);
        foreach (var (_, operations) in Recent(window))
            foreach (var (name, figures) in operations)
            {
                if (!merged.TryGetValue(name, out var total)) merged[name] = total = new Figures(figures.Type);
                total.Merge(figures);
            }
        return merged.Select(p => new OperationSummary(p.Key, p.Value.Type, p.Value.Count, p.Value.Errors,
                p.Value.Percentile(0.50), p.Value.Percentile(0.95), p.Value.Percentile(0.99), p.Value.Max))
            .OrderByDescending(s => s.P95Milliseconds).ThenByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(count).ToList();
    }

    /// <summary>The last <paramref name="window"/> (at most an hour) minute by minute, oldest first, minutes without operations included.</summary>
    public IReadOnlyList<OperationMinute> PerMinute(TimeSpan window)
    {
        var byMinute = Recent(window).ToDictionary(r => r.Minute, r => r.Operations);
        var last = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var first = last - Math.Clamp((long)Math.Ceiling(window.TotalMinutes), 1, Minutes) + 1;
        var result = new List<OperationMinute>();
        for (var minute = first; minute <= last; minute++)
        {
            var total = new Figures("");
            if (byMinute.TryGetValue(minute, out var operations))
                foreach (var figures in operations.Values) total.Merge(figures);
            result.Add(new OperationMinute(DateTimeOffset.FromUnixTimeSeconds(minute * 60), total.Count, total.Errors, total.Percentile(0.95)));
        }
        return result;
    }

    /// <summary>Copies of the minutes within the window, taken under each minute's lock.</summary>
    private List<(long Minute, Dictionary<string, Figures> Operations)> Recent(TimeSpan window)
    {
        var last = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var first = last - Math.Clamp((long)Math.Ceiling(window.TotalMinutes), 1, Minutes) + 1;
        var recent = new List<(long, Dictionary<string, Figures>)>();
        foreach (var slot in slots)
            lock (slot)
                if (slot.Minute >= first && slot.Minute <= last)
                    recent.Add((slot.Minute, slot.Operations.ToDictionary(p => p.Key, p => p.Value.Copy(), StringComparer.Ordinal)));
        return recent;
    }

    private sealed class Slot
    {
        public long Minute = -1;
        public readonly Dictionary<string, Figures> Operations = new(StringComparer.Ordinal);
    }

    private sealed class Figures(string type)
    {
        public string Type { get; } = type;
        public long Count { get; private set; }
        public long Errors { get; private set; }
        public double Max { get; private set; }
        private readonly long[] buckets = new long[BucketBounds.Length];

        public void Add(double milliseconds, bool failed)
        {
            Count++;
            if (failed) Errors++;
            Max = Math.Max(Max, milliseconds);
            var i = 0;
            while (milliseconds > BucketBounds[i]) i++;
            buckets[i]++;
        }

        public void Merge(Figures other)
        {
            Count += other.Count;
            Errors += other.Errors;
            Max = Math.Max(Max, other.Max);
            for (var i = 0; i < buckets.Length; i++) buckets[i] += other.buckets[i];
        }

        public Figures Copy()
        {
            var copy = new Figures(Type);
            copy.Merge(this);
            return copy;
        }

        /// <summary>The upper bound of the bucket the quantile falls in, never above the largest duration seen; 0 with no operations.</summary>
        public double Percentile(double quantile)
        {
            if (Count == 0) return 0;
            var rank = (long)Math.Ceiling(quantile * Count);
            long seen = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                seen += buckets[i];
                if (seen >= rank) return Math.Min(BucketBounds[i], Max);
            }
            return Max;
        }
    }
}
