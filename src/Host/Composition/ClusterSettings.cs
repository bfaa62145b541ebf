using JasperFx.Events.Daemon;
using Microsoft.AspNetCore.DataProtection;

namespace WorkersPower.Host.Composition;

/// <summary>One host (Solo) or several on one database behind a load balancer (Balanced).</summary>
public enum ClusterMode
{
    Solo,
    Balanced,
}

/// <summary>
/// <c>Cluster:Mode</c> and what follows from it: Wolverine's durability mode, the async daemon's mode and the
/// data protection keys every node must share.
/// </summary>
internal static class ClusterSettings
{
    /// <summary><c>Cluster:Mode</c>: Solo (default) | Balanced, case-insensitive; anything else stops start-up.</summary>
    public static ClusterMode Mode(IConfiguration configuration) =>
        Parse(configuration, "Cluster:Mode", ClusterMode.Solo, [ClusterMode.Solo, ClusterMode.Balanced]);

    /// <summary>
    /// <c>Projections:Daemon</c> when set (Solo | HotCold | Disabled); otherwise Solo for one node and HotCold
    /// for several: Marten elects one node per store (a PostgreSQL advisory lock) to run the projections, and
    /// another takes over when that node's connection dies (about 5 s after a crash, Marten's leadership poll).
    /// Not Wolverine-managed distribution (UseWolverineManagedEventSubscriptionDistribution), which the pinned
    /// Wolverine.Marten offers for ancillary stores too: with one async projection there is nothing to spread,
    /// its takeover waits for the dead node to go stale (about 11 s), and a node wrongly declared dead could run
    /// the projection beside its successor, where the advisory lock allows one holder only.
    /// </summary>
    public static DaemonMode ProjectionDaemon(IConfiguration configuration, ClusterMode mode) =>
        Parse(configuration, "Projections:Daemon", mode == ClusterMode.Balanced ? DaemonMode.HotCold : DaemonMode.Solo,
            [DaemonMode.Solo, DaemonMode.HotCold, DaemonMode.Disabled]);

    /// <summary>
    /// Solo: this node owns every persisted message and releases what a crashed run left at start-up.
    /// Balanced: the nodes elect a leader over PostgreSQL, which spreads the durability agents (recovery of
    /// each store's inbox and outbox) across them; a node that stops beating for 10 s is declared stale (its
    /// agents are placed elsewhere) and, seen stale twice, deleted with the ownership of its envelopes, which
    /// the durability agent's next recovery poll (every 5 s) picks up. Measured after a SIGKILL: a new leader
    /// within 2 s, the durability agent moved after about 8 s, the dead node deleted after about 11 s, so its
    /// messages run again within about 16 s.
    /// Scheduled messages are polled by every node under one transaction-scoped advisory lock and claimed in
    /// that transaction, so each fires on one node. Wolverine's defaults (60 s stale timeout, 10 s beats) are
    /// too slow for a takeover within 30 s.
    /// </summary>
    public static void ApplyTo(WolverineOptions options, ClusterMode mode)
    {
        if (mode == ClusterMode.Solo)
        {
            options.Durability.Mode = DurabilityMode.Solo;
            return;
        }
        options.Durability.Mode = DurabilityMode.Balanced;
        options.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(1);
        options.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(2);
        options.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(10);
        options.Durability.CheckAssignmentPeriod = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Data protection (used by ASP.NET Core for anything it encrypts) with one application name on every node,
    /// and the key ring in <c>DataProtection:KeysDirectory</c> when set: nodes sharing that directory can read
    /// each other's protected data. Without it each node keeps its own keys (fine for one node).
    /// </summary>
    public static void AddSharedDataProtection(IServiceCollection services, IConfiguration configuration)
    {
        var protection = services.AddDataProtection().SetApplicationName("WorkersPower");
        if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } directory)
            protection.PersistKeysToFileSystem(Directory.CreateDirectory(directory));
    }

    private static T Parse<T>(IConfiguration configuration, string key, T fallback, T[] allowed) where T : struct, Enum
    {
        var value = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(value)) return fallback;
        foreach (var candidate in allowed)
            if (string.Equals(candidate.ToString(), value, StringComparison.OrdinalIgnoreCase)) return candidate;
        throw new InvalidOperationException($"{key} is '{value}': use {string.Join(", ", allowed.SkipLast(1))} or {allowed[^1]}.");
    }
}
