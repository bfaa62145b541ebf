using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkersPower.Decisions.Ballots;

/// <summary>A ballot's live turnout: how many of how many have voted, whether the quorum is reached, and its status. Never a partial result.</summary>
public sealed record TurnoutView(Guid BallotId, int Turnout, int ElectorateSize, bool QuorumReached, BallotStatus Status)
{
    public static TurnoutView Of(Ballot ballot, BallotStatus status, int electorateSize, int turnout) =>
        new(ballot.Id, turnout, electorateSize, turnout >= ballot.Quorum * electorateSize && status != BallotStatus.Scheduled, status);

    /// <summary>The NOTIFY payload: the ballot id and the counts, nothing else ("id turnout electorate quorumReached status").</summary>
    public string ToPayload() => string.Create(CultureInfo.InvariantCulture, $"{BallotId} {Turnout} {ElectorateSize} {(QuorumReached ? 1 : 0)} {(int)Status}");

    public static TurnoutView? FromPayload(string payload)
    {
        var parts = payload.Split(' ');
        return parts.Length == 5 && Guid.TryParse(parts[0], out var id)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var turnout) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var size)
            && int.TryParse(parts[4], CultureInfo.InvariantCulture, out var status) && Enum.IsDefined((BallotStatus)status)
            ? new TurnoutView(id, turnout, size, parts[3] == "1", (BallotStatus)status)
            : null;
    }

    /// <summary>Orders values of one ballot: a later status, or the same with more votes, is newer (turnout never falls).</summary>
    public bool IsNewerThan(TurnoutView other) => Status != other.Status ? Status > other.Status : Turnout > other.Turnout;
}

/// <summary>
/// This node's subscribers of ballot turnouts, fed by <see cref="TurnoutListener"/> with the values every node's votes,
/// openings and closings NOTIFY (a value; null: reload, after notices may have been missed).
/// </summary>
public sealed class TurnoutFeed
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<TurnoutView?>>> listeners = new();

    public IDisposable Listen(Guid ballotId, Action<TurnoutView?> changed)
    {
        var key = Guid.NewGuid();
        listeners.GetOrAdd(ballotId, _ => new()).TryAdd(key, changed);
        return new Unlisten(() =>
        {
            if (listeners.TryGetValue(ballotId, out var set)) set.TryRemove(key, out _);
        });
    }

    public void Publish(TurnoutView value)
    {
        if (!listeners.TryGetValue(value.BallotId, out var set)) return;
        foreach (var listener in set.Values) listener(value);
    }

    /// <summary>Tells every subscriber to reload.</summary>
    public void ReloadAll()
    {
        foreach (var set in listeners.Values)
            foreach (var listener in set.Values) listener(null);
    }

    private sealed class Unlisten(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) dispose();
        }
    }
}

/// <summary>
/// One connection per node LISTENing on <see cref="VoteStore.TurnoutChannel"/>: every commit of a vote, an opening or a
/// closing on any node NOTIFYs the ballot's counts (sent by PostgreSQL at commit, never for a rolled-back vote). On a lost
/// connection it reconnects with a growing pause and tells every subscriber to reload.
/// </summary>
public sealed partial class TurnoutListener(string connectionString, TurnoutFeed feed, ILogger<TurnoutListener> logger) : BackgroundService
{
    public const string ApplicationName = "wp-turnout-listener";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName, Pooling = false, KeepAlive = 10 };
        var pause = TimeSpan.FromMilliseconds(500);
        var connections = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (TurnoutView.FromPayload(e.Payload) is { } value) feed.Publish(value);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {VoteStore.TurnoutChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (++connections > 1) LogReconnected(logger);
                feed.ReloadAll();
                pause = TimeSpan.FromMilliseconds(500);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
#pragma warning disable CA1031 // any failure: live turnout must not stop for good
            catch (Exception e)
            {
                LogLost(logger, e.GetType().Name, pause.TotalSeconds);
                try { await Task.Delay(pause, stoppingToken); }
                catch (OperationCanceledException) { }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
#pragma warning restore CA1031
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The turnout listener lost its database connection ({ExceptionType}); retrying in {Seconds} s")]
    private static partial void LogLost(ILogger logger, string exceptionType, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The turnout listener is back; subscribers reload")]
    private static partial void LogReconnected(ILogger logger);
}
