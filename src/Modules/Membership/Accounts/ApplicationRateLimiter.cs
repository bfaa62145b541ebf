using System.Threading.RateLimiting;

namespace WorkersPower.Membership.Accounts;

/// <summary>How many requests one client address may send per window (the defaults: the kind's own).</summary>
public abstract class ClientRateLimitOptions(int permitLimit, TimeSpan window)
{
    public int PermitLimit { get; set; } = permitLimit;

    public TimeSpan Window { get; set; } = window;
}

/// <summary>The "Membership:Applications" configuration section: applications accepted from one client address per window.</summary>
public sealed class ApplicationRateLimitOptions() : ClientRateLimitOptions(10, TimeSpan.FromMinutes(10));

/// <summary>The "Membership:PasswordReset" configuration section: password reset requests accepted from one client address per window.</summary>
public sealed class PasswordResetRateLimitOptions() : ClientRateLimitOptions(5, TimeSpan.FromMinutes(15));

/// <summary>Limits how many requests of one kind a client address can send (a fixed window per address).</summary>
public abstract class ClientRateLimiter(ClientRateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            QueueLimit = 0,
        }));

    /// <summary>True when this address may send one now (and counts the attempt).</summary>
    public bool TryAcquire(string clientAddress)
    {
        using var lease = limiter.AttemptAcquire(clientAddress);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Limits how many join applications one client address can send.</summary>
public sealed class ApplicationRateLimiter(IOptions<ApplicationRateLimitOptions> options) : ClientRateLimiter(options.Value);

/// <summary>Limits how many password resets one client address can ask for.</summary>
public sealed class PasswordResetRateLimiter(IOptions<PasswordResetRateLimitOptions> options) : ClientRateLimiter(options.Value);
