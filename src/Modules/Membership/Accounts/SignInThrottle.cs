namespace WorkersPower.Membership.Accounts;

/// <summary>The "Membership:SignIn" configuration section.</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failed sign-ins for one email within the window before further attempts are refused.</summary>
    public int MaxFailuresPerEmail { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address within the window before further attempts are refused.</summary>
    public int MaxFailuresPerAddress { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts failed sign-ins per email and per client address in a sliding window, whether or not the
/// email belongs to an account (so refusals reveal nothing). Held in memory on each node.
/// Entries are keyed by a keyed hash (HMAC-SHA256 under a random key of this process) of the email or
/// address, never the text itself, and an entry goes once its last failure is older than the window (swept
/// at most once a window, on the next use): memory stays bounded by the failures of two windows, and an
/// erased member's email is not kept.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);
    private readonly byte[] hashKey = RandomNumberGenerator.GetBytes(32);
    private long nextSweepTicks;

    /// <summary>How many emails and addresses have failures on record (for tests and diagnostics).</summary>
    public int Count => failures.Count;

    /// <summary>The keys entries are held under (for tests: never an email or address).</summary>
    internal IReadOnlyCollection<string> Keys => failures.Keys.ToList();

    /// <summary>When the caller may try again, or null when they may try now.</summary>
    public TimeSpan? RetryAfter(string emailKey, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        var o = options.Value;
        return Check(Key("e", emailKey), o.MaxFailuresPerEmail, now) ?? (clientAddress is null ? null : Check(Key("a", clientAddress), o.MaxFailuresPerAddress, now));
    }

    public void RecordFailure(string emailKey, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        Add(Key("e", emailKey), now);
        if (clientAddress is not null) Add(Key("a", clientAddress), now);
    }

    public void RecordSuccess(string emailKey) => failures.TryRemove(Key("e", emailKey), out _);

    /// <summary>A wait in whole minutes, as refusals state it (at least 1).</summary>
    public static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    private string Key(string kind, string value) =>
        kind + ":" + Convert.ToBase64String(HMACSHA256.HashData(hashKey, Encoding.UTF8.GetBytes(value)));

    private TimeSpan? Check(string key, int max, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var queue)) return null;
        lock (queue)
        {
            Trim(queue, now);
            return queue.Count >= max ? queue.Peek() + options.Value.Window - now : null;
        }
    }

    private void Add(string key, DateTimeOffset now)
    {
        while (true)
        {
            var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (queue)
            {
                // a sweep may have removed this queue since it was fetched: then start again with the current one
                if (!failures.TryGetValue(key, out var current) || !ReferenceEquals(current, queue)) continue;
                Trim(queue, now);
                queue.Enqueue(now);
                return;
            }
        }
    }

    /// <summary>Removes the entries with no failure left in the window; runs at most once a window.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref nextSweepTicks, (now + options.Value.Window).UtcTicks, next) != next) return;
        foreach (var (key, queue) in failures)
            lock (queue)
            {
                Trim(queue, now);
                if (queue.Count == 0) failures.TryRemove(new KeyValuePair<string, Queue<DateTimeOffset>>(key, queue));
            }
    }

    private void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() + options.Value.Window <= now) queue.Dequeue();
    }
}
