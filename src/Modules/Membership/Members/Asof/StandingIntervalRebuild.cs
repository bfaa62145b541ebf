using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace WorkersPower.Membership.Members;

/// <summary>
/// Builds <c>membership.standing_intervals</c> from the members' events when it has not been built yet (a database
/// whose members joined before the projection existed), at start-up; after that the inline projection keeps it.
/// Idempotent and safe with several nodes starting at once: it looks for its mark in <c>membership.projection_builds</c>
/// (one read, no lock: so every start after the first build stops there); when the mark is missing, in one transaction
/// it locks the table against the projection's writers (EXCLUSIVE: reads go on), looks again, and only when the mark is
/// still missing empties the table, folds every member's standing events (<see cref="StandingIntervals.Of"/>)
/// and writes the intervals and the mark. A change of the rules names a new <see cref="Name"/>, which builds again.
/// </summary>
public sealed partial class StandingIntervalRebuild(IMembershipStore store, TimeProvider clock, ILogger<StandingIntervalRebuild> logger) : IHostedService
{
    /// <summary>The mark of a finished build under the current rules.</summary>
    public const string Name = "standing_intervals:1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await RunAsync(force: false, cancellationToken) is { } rows) LogBuilt(logger, rows);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Builds the intervals if they were not built yet (or always, with <paramref name="force"/>); the rows written, or null when built already.</summary>
    public async Task<long?> RunAsync(bool force, CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        // the mark once without the lock: a start after the build (every start but the first) locks out no writer
        if (!force && await BuiltAsync(connection, cancellationToken)) return null;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"lock table {StandingIntervalProjection.Table} in exclusive mode", cancellationToken);
        if (!force && await BuiltAsync(connection, cancellationToken)) return null; // another node built it meanwhile
        await ExecuteAsync(connection, $"delete from {StandingIntervalProjection.Table}", cancellationToken);

        var names = store.Options.Events.AllKnownEventTypes().Where(t => StandingIntervals.EventTypes.Contains(t.EventType)).Select(t => t.EventTypeName).ToArray();
        var events = new Dictionary<Guid, List<object>>();
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            var query = session.Events.QueryAllRawEvents().Where(e => e.EventTypeName.IsOneOf(names)).OrderBy(e => e.Sequence);
            await foreach (var e in query.ToAsyncEnumerable(cancellationToken))
            {
                if (!events.TryGetValue(e.StreamId, out var list)) events[e.StreamId] = list = [];
                list.Add(e.Data);
            }
        }

        long rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {StandingIntervalProjection.Table} (member_id, branch_id, standing, from_at, to_at) from stdin (format binary)", cancellationToken))
        {
            foreach (var (memberId, memberEvents) in events)
                foreach (var interval in StandingIntervals.Of(memberId, memberEvents))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(interval.MemberId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(interval.BranchId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(interval.Standing.ToString(), NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(interval.From.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    if (interval.To is { } to) await copy.WriteAsync(to.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    else await copy.WriteNullAsync(cancellationToken);
                    rows++;
                }
            await copy.CompleteAsync(cancellationToken);
        }

        await using (var mark = new NpgsqlCommand(
            $"insert into {MembershipModule.Schema}.projection_builds (name, built_at, rows) values ($1, $2, $3) on conflict (name) do update set built_at = excluded.built_at, rows = excluded.rows",
            connection) { Parameters = { new() { Value = Name }, new() { Value = clock.GetUtcNow() }, new() { Value = rows } } })
            await mark.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<bool> BuiltAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var check = new NpgsqlCommand($"select 1 from {MembershipModule.Schema}.projection_builds where name = $1", connection) { Parameters = { new() { Value = Name } } };
        return await check.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the members' standing intervals from their events: {Rows} intervals.")]
    private static partial void LogBuilt(ILogger logger, long rows);
}
