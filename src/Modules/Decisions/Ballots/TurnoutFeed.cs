using System.Globalization;
using Microsoft.Extensions.Logging;
using WorkersPower.Platform.Live;

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
public sealed class TurnoutFeed : LiveFeed<TurnoutView>;

/// <summary>
/// One connection per node LISTENing on <see cref="VoteStore.TurnoutChannel"/>: every commit of a vote, an opening or a
/// closing on any node NOTIFYs the ballot's counts (sent by PostgreSQL at commit, never for a rolled-back vote). On a lost
/// connection it reconnects with a growing pause and tells every subscriber to reload (see <see cref="NotificationListener{T}"/>).
/// </summary>
public sealed partial class TurnoutListener(string connectionString, TurnoutFeed feed, ILogger<TurnoutListener> logger)
    : NotificationListener<TurnoutView>(connectionString, ApplicationName, VoteStore.TurnoutChannel, feed)
{
    public const string ApplicationName = "wp-turnout-listener";

    protected override (Guid Key, TurnoutView? Value)? Read(string payload) => TurnoutView.FromPayload(payload) is { } value ? (value.BallotId, value) : null;

    protected override void Lost(string exceptionType, double seconds) => LogLost(logger, exceptionType, seconds);

    protected override void Reconnected() => LogReconnected(logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The turnout listener lost its database connection ({ExceptionType}); retrying in {Seconds} s")]
    private static partial void LogLost(ILogger logger, string exceptionType, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The turnout listener is back; subscribers reload")]
    private static partial void LogReconnected(ILogger logger);
}
