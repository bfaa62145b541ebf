using System.Threading.RateLimiting;

namespace WorkersPower.Membership.Accounts;

/// <summary>The "Membership:Applications" configuration section.</summary>
public sealed class ApplicationRateLimitOptions
{
    /// <summary>Applications accepted from one client address per window.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Limits how many join applications one client address can send (a fixed window per address).</summary>
public sealed class ApplicationRateLimiter(IOptions<ApplicationRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitLimit,
            Window = options.Value.Window,
            QueueLimit = 0,
        }));

    /// <summary>True when this address may apply now (and counts the attempt).</summary>
    public bool TryAcquire(string clientAddress)
    {
        using var lease = limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
