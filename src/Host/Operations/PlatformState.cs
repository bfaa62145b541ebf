using JasperFx.Events.Projections;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace WorkersPower.Host.Operations;

/// <summary>Wolverine's persisted envelopes across the deployment: waiting to be handled, scheduled for later, waiting to be sent.</summary>
public sealed record QueueCounts(int Incoming, int Scheduled, int Outgoing);

/// <summary>Messages whose handlers failed for good: all of them, and those that failed within the last hour.</summary>
public sealed record DeadLetterCounts(int Total, int LastHour);

/// <summary>
/// How far one async projection (a shard of a module store's daemon) is behind its store's events: the events not
/// yet processed and the age of the oldest of them (0 when caught up).
/// </summary>
public sealed record ProjectionLag(string Module, string Projection, long Position, long HighWaterMark, long EventsBehind, double SecondsBehind)
{
    /// <summary>
    /// The lag of a shard at <paramref name="position"/> (the last event it processed) when the store's newest event is
    /// <paramref name="highWaterMark"/> and the first event after the position was recorded at <paramref name="oldestPending"/>
    /// (null when there is none): events behind never below 0, seconds 0 when caught up.
    /// </summary>
    public static ProjectionLag Of(string module, string projection, long position, long highWaterMark, DateTimeOffset? oldestPending, DateTimeOffset now)
    {
        var behind = Math.Max(0, highWaterMark - position);
        var seconds = behind == 0 || oldestPending is not { } oldest ? 0 : Math.Max(0, (now - oldest).TotalSeconds);
        return new ProjectionLag(module, projection, position, highWaterMark, behind, Math.Round(seconds, 1));
    }
}

/// <summary>One reading of the platform's state. A part that could not be read is null (unavailable), never a guess.</summary>
public sealed record PlatformReading(
    DateTimeOffset ReadAt,
    bool DatabaseReady,
    QueueCounts? Queues,
    DeadLetterCounts? DeadLetters,
    IReadOnlyList<ProjectionLag>? Projections);

/// <summary>
/// The platform's state as an operator needs it (the operator's page and the gauges): Wolverine's queues and dead
/// letters, each module store's async projection lag, and whether the database is ready. These figures are the
/// deployment's (read from PostgreSQL), unlike <see cref="Telemetry.OperationStats"/> (this node's). A reading is kept
/// for <see cref="CacheFor"/> so page refreshes and scrapes do not hammer the database; one read runs at a time, bounded
/// by <see cref="ReadTimeout"/>; a failure gives a reading with the unreadable parts null, never an exception.
/// </summary>
public sealed class PlatformState(
    IServiceProvider services,
    DeadLetterStores deadLetterStores,
    IEnumerable<ModuleStore> modules,
    HealthCheckService health,
    TimeProvider clock,
    ILogger<PlatformState> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private PlatformReading? last;
    private Task<PlatformReading>? reading;

    /// <summary>The last reading, however old (null before the first).</summary>
    public PlatformReading? Last => Volatile.Read(ref last);

    /// <summary>The cached reading when younger than <see cref="CacheFor"/>, else a new one (shared by concurrent callers).</summary>
    public Task<PlatformReading> ReadAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (last is { } current && clock.GetUtcNow() - current.ReadAt < CacheFor) return Task.FromResult(current);
            if (reading is null || reading.IsCompleted) reading = Task.Run(ReadNowAsync, CancellationToken.None);
            return reading.WaitAsync(cancellationToken);
        }
    }

    private async Task<PlatformReading> ReadNowAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var token = timeout.Token;
        var ready = await Part("database health", async () =>
            (object)((await health.CheckHealthAsync(r => r.Name == "database", token)).Status == HealthStatus.Healthy));
        var stores = await Part("message stores", deadLetterStores.StoresAsync);
        var queues = stores is null ? null : await Part("queues", () => QueuesAsync(stores));
        var letters = stores is null ? null : await Part("dead letters", () => DeadLettersAsync(stores, token));
        var projections = await Part("projections", () => ProjectionsAsync(token));
        var result = new PlatformReading(clock.GetUtcNow(), ready is true, queues, letters, projections);
        Volatile.Write(ref last, result);
        return result;
    }

    /// <summary>Runs one part of a reading; a failure is logged by its exception's type (messages may carry data) and gives null.</summary>
    private async Task<T?> Part<T>(string what, Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception e)
        {
            logger.LogWarning("Reading the platform's {Part} failed ({ExceptionType}); shown as unavailable.", what, e.GetType().Name);
            return null;
        }
    }

    private static async Task<QueueCounts> QueuesAsync(IReadOnlyList<IMessageStore> stores)
    {
        var counts = new List<Wolverine.Logging.PersistedCounts>();
        foreach (var store in stores) counts.Add(await store.Admin.FetchCountsAsync());
        return new QueueCounts(counts.Sum(c => c.Incoming), counts.Sum(c => c.Scheduled), counts.Sum(c => c.Outgoing));
    }

    private async Task<DeadLetterCounts> DeadLettersAsync(IReadOnlyList<IMessageStore> stores, CancellationToken token)
    {
        var (total, lastHour) = (0, 0);
        var since = clock.GetUtcNow().AddHours(-1);
        foreach (var store in stores)
        {
            var all = await store.DeadLetters.QueryAsync(new DeadLetterEnvelopeQuery { PageSize = 1 }, token);
            total += Math.Max(all.TotalCount, all.Envelopes.Count);
            var recent = await store.DeadLetters.QueryAsync(
                new DeadLetterEnvelopeQuery(new JasperFx.Core.TimeRange(since, null)) { RangeOn = DeadLetterTimeField.FailedAt, PageSize = 1 }, token);
            lastHour += Math.Max(recent.TotalCount, recent.Envelopes.Count);
        }
        return new DeadLetterCounts(total, lastHour);
    }

    /// <summary>Each module store's async shards against the store's newest event: two small statements per store with async projections.</summary>
    private async Task<IReadOnlyList<ProjectionLag>> ProjectionsAsync(CancellationToken token)
    {
        var lags = new List<ProjectionLag>();
        foreach (var module in modules)
        {
            var store = module.Resolve(services);
            var shards = store.Advanced.AllAsyncProjectionShardNames();
            if (shards.Count == 0) continue;
            var progress = (await store.Advanced.AllProjectionProgress(token: token)).ToDictionary(s => s.ShardName, s => s.Sequence, StringComparer.Ordinal);
            var events = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(token);
            long highWaterMark;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = $"select coalesce(max(seq_id), 0) from {events}";
                highWaterMark = Convert.ToInt64(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
            }
            foreach (var shard in shards)
            {
                var position = progress.GetValueOrDefault(shard.Identity);
                DateTimeOffset? oldest = null;
                if (position < highWaterMark)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"select timestamp from {events} where seq_id > @position order by seq_id limit 1";
                    command.Parameters.Add(new NpgsqlParameter("position", position));
                    oldest = await command.ExecuteScalarAsync(token) switch
                    {
                        DateTimeOffset at => at,
                        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
                        _ => null,
                    };
                }
                lags.Add(ProjectionLag.Of(module.Module, ProjectionName(shard), position, highWaterMark, oldest, clock.GetUtcNow()));
            }
        }
        return lags;
    }

    /// <summary>The projection's name, with its shard key when it is split (the tag <c>projection</c> of the lag gauges).</summary>
    private static string ProjectionName(ShardName shard) =>
        shard.ShardKey is null or "All" ? shard.Name : $"{shard.Name}:{shard.ShardKey}";
}
