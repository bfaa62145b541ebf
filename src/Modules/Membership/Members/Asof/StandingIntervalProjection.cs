using Weasel.Postgresql.Tables;

namespace WorkersPower.Membership.Members;

/// <summary>
/// The standing intervals of every member, kept inline (in the transaction that records the member's event) in a
/// plain table, <c>membership.standing_intervals</c> (member, branch, standing, from, to), so "who was an active
/// member of this branch at that instant" is one indexed statement (<see cref="MembersAsOfReads"/>), not a replay.
/// Each event <see cref="StandingIntervals.ChangeOf"/> names closes the member's open interval and opens the next in
/// one SQL statement, which follows <see cref="StandingIntervals.Apply"/> (the tests hold the two together).
/// </summary>
public sealed class StandingIntervalProjection : Marten.Events.Projections.IProjection
{
    public const string Table = MembershipModule.Schema + ".standing_intervals";

    /// <summary>The index the as-of query reads: a branch's ACTIVE intervals by member, with their start and end.</summary>
    public const string ActiveIndex = "standing_intervals_branch_active";

    /// <summary>
    /// One event's change: close the open interval (at the change, never before its start) and open the next with
    /// the new branch and standing, each defaulting to the closed one's; an ending change opens none.
    /// Parameters: at, member, member, branch, standing, at, ends.
    /// </summary>
    private const string ChangeSql = $"""
        with closed as (
          update {Table} set to_at = greatest(^::timestamptz, from_at)
          where member_id = ^::uuid and to_at is null
          returning branch_id, standing, to_at)
        insert into {Table} (member_id, branch_id, standing, from_at)
        select m.id, coalesce(m.branch, c.branch_id), coalesce(m.standing, c.standing, 'Active'), coalesce(c.to_at, m.at)
        from (select ^::uuid as id, ^::uuid as branch, ^::text as standing, ^::timestamptz as at, ^::boolean as ends) m
        left join closed c on true
        where not m.ends and coalesce(m.branch, c.branch_id) is not null
        """;

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            if (StandingIntervals.ChangeOf(e.Data) is not { } change) continue;
            var at = change.At.ToUniversalTime();
            operations.QueueSqlCommand('^', ChangeSql, at, e.StreamId, e.StreamId, (object?)change.BranchId ?? DBNull.Value,
                (object?)change.Standing?.ToString() ?? DBNull.Value, at, change.Ends);
        }
        return Task.CompletedTask;
    }

    /// <summary>The table and its indexes (created at start-up with the rest of the schema), and the table of finished rebuilds.</summary>
    public static IEnumerable<Weasel.Core.ISchemaObject> SchemaObjects()
    {
        var table = new Table(StandingIntervalProjection.Table);
        table.AddColumn<long>("id").AsPrimaryKey().BigAutoIncrement();
        table.AddColumn<Guid>("member_id").NotNull();
        table.AddColumn<Guid>("branch_id").NotNull();
        table.AddColumn("standing", "text").NotNull();
        table.AddColumn<DateTimeOffset>("from_at").NotNull();
        table.AddColumn<DateTimeOffset>("to_at").AllowNulls();
        table.Indexes.Add(new IndexDefinition(ActiveIndex)
        {
            Columns = ["branch_id", "member_id"],
            IncludeColumns = ["from_at", "to_at"],
            Predicate = "standing = 'Active'",
        });
        // the open interval of a member: what the next event closes
        table.Indexes.Add(new IndexDefinition("standing_intervals_open") { Columns = ["member_id"], Predicate = "to_at is null" });
        yield return table;

        var builds = new Table(MembershipModule.Schema + ".projection_builds");
        builds.AddColumn("name", "text").AsPrimaryKey();
        builds.AddColumn<DateTimeOffset>("built_at").NotNull();
        builds.AddColumn<long>("rows").NotNull();
        yield return builds;
    }
}
