using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace WorkersPower.Decisions.Ballots;

/// <summary>One ballot paper in a secret ballot's box: its receipt and its choice (one option, or an STV ranking).</summary>
public sealed record BoxedBallot([property: JsonPropertyName("r")] string Receipt, [property: JsonPropertyName("c")] IReadOnlyList<string> Choice);

/// <summary>A ballot's roll and box as read under their row lock.</summary>
/// <param name="Voters">Who has voted (member ids, sorted).</param>
/// <param name="Box">The secret ballots, sorted by receipt (empty for a RECORDED ballot).</param>
public sealed record LockedVotes(IReadOnlyList<Guid> Voters, IReadOnlyList<BoxedBallot> Box);

/// <summary>
/// Where votes are kept, so that nobody (admins and database readers included) can link a voter to their ballot:
/// <list type="bullet">
/// <item>the <b>roll</b> (<c>decisions.ballot_roll</c>): one row per ballot, the sorted set of member ids who voted;</item>
/// <item>the <b>box</b> (<c>decisions.ballot_box</c>): one row per ballot, the ballots (receipt and choice) sorted by receipt.</item>
/// </list>
/// Both are plain tables (not Marten documents: no mt_last_modified, mt_version or type columns), rewritten whole by each
/// vote in one transaction under the rows' lock (<c>SELECT … FOR UPDATE</c>): concurrent votes of one ballot wait for each
/// other and each counts once; no row holds a voter and a choice, no column holds a time, a sequence or an insertion
/// order; receipts are random (<see cref="Receipts"/>), so the box's order says nothing about when a ballot was cast.
/// What PostgreSQL keeps about the rows (xmin, dead tuples until vacuum, the WAL) is discussed in the README. Votes are
/// never events (the event store numbers and times them) nor Wolverine messages (envelope tables keep bodies).
/// </summary>
public static class VoteStore
{
    public const string RollTable = "ballot_roll";
    public const string BoxTable = "ballot_box";

    /// <summary>The NOTIFY channel of turnout changes (payload: <see cref="TurnoutView.ToPayload"/>, counts only).</summary>
    public const string TurnoutChannel = "wp_ballot_turnout";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The two tables, created with the store's schema (Marten's extended schema objects).</summary>
    public static IEnumerable<Weasel.Core.ISchemaObject> Tables(string schema)
    {
        var roll = new Table($"{schema}.{RollTable}");
        roll.AddColumn<Guid>("ballot_id").AsPrimaryKey();
        roll.AddColumn("voters", "uuid[]").NotNull();
        yield return roll;
        var box = new Table($"{schema}.{BoxTable}");
        box.AddColumn<Guid>("ballot_id").AsPrimaryKey();
        box.AddColumn("ballots", "jsonb").NotNull();
        yield return box;
    }

    /// <summary>Queues the empty roll and box of a ballot that opens (in the opening's transaction).</summary>
    public static void QueueCreate(IDocumentSession session, Guid ballotId)
    {
        session.QueueSqlCommand($"insert into {DecisionsModule.Schema}.{RollTable} (ballot_id, voters) values (?, '{{}}') on conflict do nothing", ballotId);
        session.QueueSqlCommand($"insert into {DecisionsModule.Schema}.{BoxTable} (ballot_id, ballots) values (?, '[]') on conflict do nothing", ballotId);
    }

    /// <summary>
    /// Locks the ballot's roll and box rows until the session's transaction ends (the session must have begun it) and
    /// reads them; null when the ballot never opened.
    /// </summary>
    public static async Task<LockedVotes?> LockAsync(IDocumentSession session, Guid ballotId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select r.voters, b.ballots::text from {DecisionsModule.Schema}.{RollTable} r
            join {DecisionsModule.Schema}.{BoxTable} b on b.ballot_id = r.ballot_id
            where r.ballot_id = @id for update
            """, session.Connection);
        command.Parameters.AddWithValue("id", ballotId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var voters = reader.GetFieldValue<Guid[]>(0);
        var box = JsonSerializer.Deserialize<List<BoxedBallot>>(reader.GetString(1), Json) ?? [];
        return new LockedVotes(voters, box);
    }

    /// <summary>Queues the rewrite of both rows (sorted: voters by id, ballots by receipt) in the session's transaction.</summary>
    public static void QueueWrite(IDocumentSession session, Guid ballotId, IEnumerable<Guid> voters, IEnumerable<BoxedBallot> box)
    {
        var sortedVoters = voters.Distinct().Order().ToArray();
        var sortedBox = box.OrderBy(b => b.Receipt, StringComparer.Ordinal).ToList();
        session.QueueSqlCommand($"update {DecisionsModule.Schema}.{RollTable} set voters = ? where ballot_id = ?", sortedVoters, ballotId);
        session.QueueSqlCommand($"update {DecisionsModule.Schema}.{BoxTable} set ballots = ?::jsonb where ballot_id = ?", JsonSerializer.Serialize(sortedBox, Json), ballotId);
    }

    /// <summary>Queues the box's removal once its ballots are published in the result (the close's transaction); the roll stays.</summary>
    public static void QueueEmptyBox(IDocumentSession session, Guid ballotId) =>
        session.QueueSqlCommand($"delete from {DecisionsModule.Schema}.{BoxTable} where ballot_id = ?", ballotId);

    /// <summary>
    /// NOTIFYs the turnout in the session's transaction (the session must have begun it): PostgreSQL sends it to every
    /// node when, and only if, the transaction commits.
    /// </summary>
    public static async Task NotifyAsync(IDocumentSession session, TurnoutView turnout, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select pg_notify('{TurnoutChannel}', @payload)", session.Connection);
        command.Parameters.AddWithValue("payload", turnout.ToPayload());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How many have voted in each ballot (ballots never opened are left out).</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> TurnoutAsync(IQuerySession session, IReadOnlyCollection<Guid> ballotIds, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<TurnoutRow>(
            $"select json_build_object('BallotId', ballot_id, 'Turnout', cardinality(voters)) from {DecisionsModule.Schema}.{RollTable} where ballot_id = any(?)",
            ct, ballotIds.ToArray());
        return rows.ToDictionary(r => r.BallotId, r => r.Turnout);
    }

    /// <summary>Which of the (ballot, member) pairs are on the ballot's roll (have voted).</summary>
    public static async Task<IReadOnlyDictionary<(Guid Ballot, Guid Member), bool>> HaveVotedAsync(IQuerySession session, IReadOnlyCollection<(Guid Ballot, Guid Member)> pairs, CancellationToken ct)
    {
        var rows = await session.AdvancedSql.QueryAsync<VotedRow>(
            $"""
            select json_build_object('BallotId', k.b, 'MemberId', k.m) from unnest(?::uuid[], ?::uuid[]) as k(b, m)
            join {DecisionsModule.Schema}.{RollTable} r on r.ballot_id = k.b and k.m = any(r.voters)
            """, ct, pairs.Select(p => p.Ballot).ToArray(), pairs.Select(p => p.Member).ToArray());
        var voted = rows.Select(r => (r.BallotId, r.MemberId)).ToHashSet();
        return pairs.ToDictionary(p => p, voted.Contains);
    }

    internal sealed record TurnoutRow(Guid BallotId, int Turnout);

    internal sealed record VotedRow(Guid BallotId, Guid MemberId);
}
