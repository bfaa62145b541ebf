using System.Text.Json;
using Npgsql;
using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Counting;
using WorkersPower.Testing;
using static WorkersPower.Decisions.Tests.Ballots.BallotApi;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>
/// The secret ballot's guarantees against the real database: many voters at once each counted once; nothing stored or
/// logged links a voter to their ballot; the published result lets each voter find their receipt and anyone recount.
/// </summary>
public sealed class SecretBallotTests(BallotsFixture fixture) : IClassFixture<BallotsFixture>
{
    private readonly GraphQLClient client = fixture.Client;

    [Fact]
    public async Task Two_hundred_voters_at_once_are_each_counted_exactly_once()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var voters = fixture.Electorate.Join(branch, 200);
        var ballot = await fixture.DefineBallotAsync(branch, chair);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();

        // every voter at once, and ten of them a second time at the same moment
        var attempts = voters.Select((v, i) => (Voter: v, Choice: i % 3 == 0 ? "NO" : "YES")).Concat(voters.Take(10).Select(v => (Voter: v, Choice: "ABSTAIN"))).ToList();
        var answers = await Task.WhenAll(attempts.Select(a => VoteAsync(fixture.NewClient(), ballot, BallotsFixture.TokenFor(a.Voter), [a.Choice])));
        answers.ShouldAllBe(r => r.Errors == null);
        var receipts = answers.Select(Receipt).OfType<string>().ToList();
        receipts.Count.ShouldBe(200);
        receipts.Distinct().Count().ShouldBe(200);
        answers.Count(r => r["castVote.errors"]!.AsArray().SingleOrDefault()?["message"]?.GetValue<string>() == "You have voted.").ShouldBe(10);

        (await BallotAsync(client, ballot, BallotsFixture.TokenFor(chair)))["turnout"]!.GetValue<int>().ShouldBe(200);
        var (roll, box) = await RollAndBoxAsync(ballot);
        roll.Order().ShouldBe(voters.Order());
        box.Select(b => b.Receipt).Order(StringComparer.Ordinal).ShouldBe(receipts.Order(StringComparer.Ordinal));
        var result = (await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair)))["closeBallot.ballot.result"]!;
        result["turnout"]!.GetValue<int>().ShouldBe(200);
        result["ballots"]!.AsArray().Count.ShouldBe(200);
        var counts = result["counts"]!.AsArray().ToDictionary(c => c!["option"]!.GetValue<string>(), c => c!["votes"]!.GetValue<int>());
        var accepted = attempts.Zip(answers).Where(x => Receipt(x.Second) is not null).Select(x => x.First).ToList();
        accepted.Select(a => a.Voter).Order().ShouldBe(voters.Order()); // one accepted attempt per voter, whichever came first
        foreach (var option in MotionOptions.All) counts[option].ShouldBe(accepted.Count(a => a.Choice == option));
    }

    [Fact]
    public async Task Nothing_stored_or_logged_links_a_voter_to_their_ballot()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var voters = fixture.Electorate.Join(branch, 6);
        var ballot = await fixture.DefineBallotAsync(branch, chair, BallotKind.Stv, allowChanges: true, seats: 2);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        var receipts = new List<string>();
        foreach (var (voter, i) in voters.Select((v, i) => (v, i)))
            receipts.Add(Receipt(await VoteAsync(client, ballot, BallotsFixture.TokenFor(voter), i % 2 == 0 ? ["Ann", "Cat"] : ["Bob"]))!);
        var replaced = Receipt(await VoteAsync(client, ballot, BallotsFixture.TokenFor(voters[0]), ["Cat"], replacingReceipt: receipts[0]))!;
        receipts[0] = replaced;
        var voterTexts = voters.Select(v => v.ToString()).ToList();

        // While it is open: the box holds no voter and is in receipt order; the roll holds no receipt and no choice.
        var (roll, box) = await RollAndBoxAsync(ballot);
        box.Select(b => b.Receipt).ShouldBe(box.Select(b => b.Receipt).Order(StringComparer.Ordinal));
        roll.ShouldBe(roll.Order());
        await using var db = new NpgsqlConnection(fixture.ConnectionString);
        await db.OpenAsync();
        var rows = await EveryRowAsync(db, "decisions");
        rows.ShouldNotBeEmpty();
        foreach (var row in rows)
        {
            var hasVoter = voterTexts.Any(row.Text.Contains);
            var hasBallot = receipts.Any(row.Text.Contains) || row.Text.Contains("\"Cat\"]", StringComparison.Ordinal) && row.Table.Contains("box", StringComparison.Ordinal);
            (hasVoter && hasBallot).ShouldBeFalse($"{row.Table} links a voter to a ballot: {row.Text}");
        }
        rows.Where(r => voterTexts.Any(r.Text.Contains)).Select(r => r.Table).Distinct().ShouldBe([$"decisions.{VoteStore.RollTable}", "decisions.mt_doc_ballotelectorate"], ignoreOrder: true);
        // no timestamp, sequence or serial column beside the roll or the box; one row each per ballot
        var columns = await ColumnsAsync(db, "decisions", VoteStore.RollTable, VoteStore.BoxTable);
        columns.ShouldBe(["ballot_box.ballot_id uuid", "ballot_box.ballots jsonb", "ballot_roll.ballot_id uuid", "ballot_roll.voters ARRAY"], ignoreOrder: true);

        // The event store: no event names a voter or holds a receipt or a choice of this secret ballot.
        var events = await QueryStringsAsync(db, "select type || ' ' || data::text from decisions.mt_events");
        events.ShouldNotContain(e => voterTexts.Any(e.Contains) || receipts.Any(e.Contains) || e.StartsWith("vote_recorded", StringComparison.Ordinal));

        // Wolverine's envelope tables in every schema (incoming, outgoing, dead letters, scheduled): no voter, no receipt.
        (await QueryStringsAsync(db, "select table_schema || '.' || table_name from information_schema.tables where table_name like 'wolverine%'"))
            .ShouldContain(t => t.EndsWith(".wolverine_dead_letters", StringComparison.Ordinal));
        var envelopes = await EveryRowAsync(db, null, "wolverine%");
        envelopes.ShouldNotContain(r => voterTexts.Any(r.Text.Contains) || receipts.Any(r.Text.Contains), string.Join("\n", envelopes.Select(r => r.Table)));

        // The logs: no voter, no receipt.
        fixture.Logs.Lines.ShouldNotContain(l => voterTexts.Any(l.ToString().Contains) || receipts.Any(l.ToString().Contains));

        // After the close: the box is gone (its ballots are in the published result), the roll says only who voted.
        (await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        foreach (var row in await EveryRowAsync(db, "decisions"))
            (voterTexts.Any(row.Text.Contains) && receipts.Any(row.Text.Contains)).ShouldBeFalse($"{row.Table} links a voter to a ballot after the close");
        (await QueryStringsAsync(db, $"select ballot_id::text from decisions.{VoteStore.BoxTable}")).ShouldNotContain(ballot.ToString());
    }

    [Fact]
    public async Task The_published_result_lets_each_voter_find_their_receipt_and_anyone_recount()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var voters = fixture.Electorate.Join(branch, 9);
        var ballot = await fixture.DefineBallotAsync(branch, chair, BallotKind.Stv, seats: 2, options: ["Ann", "Bob", "Cat", "Dan"]);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        string[][] rankings = [["Ann", "Bob"], ["Ann", "Cat"], ["Ann", "Bob", "Cat"], ["Ann"], ["Bob", "Ann"], ["Cat", "Dan"], ["Dan", "Cat"], ["Cat"], ["Bob", "Cat"]];
        var mine = new Dictionary<string, string[]>();
        for (var i = 0; i < voters.Count; i++) mine[Receipt(await VoteAsync(client, ballot, BallotsFixture.TokenFor(voters[i]), rankings[i]))!] = rankings[i];

        await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair));
        var result = await BallotAsync(client, ballot, BallotsFixture.TokenFor(voters[0])); // any member of the scope reads it
        var published = result["result"]!["ballots"]!.AsArray().Select(b => (Receipt: b!["receipt"]!.GetValue<string>(), Choice: b["choice"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray())).ToList();
        published.Select(p => p.Receipt).ShouldBe(published.Select(p => p.Receipt).Order(StringComparer.Ordinal));
        foreach (var (receipt, ranking) in mine) published.Single(p => p.Receipt == receipt).Choice.ShouldBe(ranking); // each voter finds theirs, as cast

        var recount = ScottishStv.Count(2, ["Ann", "Bob", "Cat", "Dan"], [.. published.Select(p => (IReadOnlyList<string>)p.Choice)]);
        result["result"]!["elected"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(recount.Elected);
        var rounds = result["result"]!["rounds"]!.AsArray();
        rounds.Count.ShouldBe(recount.Rounds.Count);
        rounds.Select(r => r!["note"]!.GetValue<string>()).ShouldBe(recount.Rounds.Select(r => r.Note));
        recount.Elected.ShouldContain("Ann");
    }

    private async Task<(IReadOnlyList<Guid> Roll, IReadOnlyList<BoxedBallot> Box)> RollAndBoxAsync(Guid ballot)
    {
        await using var db = new NpgsqlConnection(fixture.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand($"select r.voters, b.ballots::text from decisions.{VoteStore.RollTable} r join decisions.{VoteStore.BoxTable} b using (ballot_id) where ballot_id = @id", db);
        command.Parameters.AddWithValue("id", ballot);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetFieldValue<Guid[]>(0), JsonSerializer.Deserialize<List<BoxedBallot>>(reader.GetString(1), JsonSerializerOptions.Web)!);
    }

    private sealed record Row(string Table, string Text);

    /// <summary>Every row of every table of the schema (or, schema null, of every table named like the pattern in any schema), as text (bytea decoded).</summary>
    private static async Task<List<Row>> EveryRowAsync(NpgsqlConnection db, string? schema, string pattern = "%")
    {
        var tables = await QueryStringsAsync(db,
            $"select table_schema || '.' || table_name from information_schema.tables where table_type = 'BASE TABLE' and table_name like '{pattern}'" +
            (schema is null ? " and table_schema not in ('pg_catalog', 'information_schema')" : $" and table_schema = '{schema}'"));
        var rows = new List<Row>();
        foreach (var table in tables)
        {
            var parts = table.Split('.');
            var columns = await QueryStringsAsync(db,
                $"select case when data_type = 'bytea' then 'coalesce(encode(' || quote_ident(column_name) || ', ''escape''), '''')' else 'coalesce(' || quote_ident(column_name) || '::text, '''')' end from information_schema.columns where table_schema = '{parts[0]}' and table_name = '{parts[1]}'");
            foreach (var text in await QueryStringsAsync(db, $"select {string.Join(" || ' ' || ", columns)} from {table}"))
                rows.Add(new Row(table, text));
        }
        return rows;
    }

    private static async Task<List<string>> ColumnsAsync(NpgsqlConnection db, string schema, params string[] tables) =>
        await QueryStringsAsync(db, $"select table_name || '.' || column_name || ' ' || data_type from information_schema.columns where table_schema = '{schema}' and table_name in ({string.Join(", ", tables.Select(t => $"'{t}'"))})");

    private static async Task<List<string>> QueryStringsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var found = new List<string>();
        while (await reader.ReadAsync()) found.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return found;
    }
}
