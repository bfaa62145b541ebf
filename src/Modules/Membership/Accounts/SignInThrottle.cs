using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

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
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new(StringComparer.Ordinal);

    /// <summary>When the caller may try again, or null when they may try now.</summary>
    public TimeSpan? RetryAfter(string emailKey, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        return Check("e:" + emailKey, o.MaxFailuresPerEmail, now) ?? (clientAddress is null ? null : Check("a:" + clientAddress, o.MaxFailuresPerAddress, now));
    }

    public void RecordFailure(string emailKey, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        Add("e:" + emailKey, now);
        if (clientAddress is not null) Add("a:" + clientAddress, now);
    }

    public void RecordSuccess(string emailKey) => failures.TryRemove("e:" + emailKey, out _);

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
        var queue = failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Trim(queue, now);
            queue.Enqueue(now);
        }
    }

    private void Trim(Queue<DateTimeOffset> queue, DateTimeOffset now)
    {
        while (queue.Count > 0 && queue.Peek() + options.Value.Window <= now) queue.Dequeue();
    }
}
