using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Holds the branches and people the tests share (made once).</summary>
public sealed class SearchReadAuditFixture : MembershipFixture
{
    public object? Scene { get; set; }
}

/// <summary>
/// A members search page with personal fields: one round trip, the reads of the page's members recorded by the
/// search's own statement, and exactly the reads the fields' resolvers record (each query is also run with a
/// directive, <c>@include(if: true)</c>, which leaves the recording to the resolvers as before).
/// </summary>
public sealed class SearchReadAuditTests(SearchReadAuditFixture fixture) : IClassFixture<SearchReadAuditFixture>
{
    public sealed record Scene(string Admin, string A, string B, MemberApi.Person Organiser, MemberApi.Person OrganiserTreasurer,
        IReadOnlyList<Guid> InA, IReadOnlyList<Guid> InB);

    private async Task<Scene> SceneAsync()
    {
        if (fixture.Scene is Scene made) return made;
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var inA = new List<Guid>();
        var inB = new List<Guid>();
        for (var i = 0; i < 3; i++) inA.Add(IdOf((await MemberApi.JoinAsync(fixture, a)).MemberId));
        for (var i = 0; i < 2; i++) inB.Add(IdOf((await MemberApi.JoinAsync(fixture, b)).MemberId));
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        // an organiser of A who is also a treasurer of B: lists both, reads personal fields in A only, contributions in both
        var both = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var grant = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message } } }",
            new { input = new { memberId = both.MemberId, role = "TREASURER", branchId = b } }, admin);
        grant.UserErrors("grantRole").ShouldBeEmpty(grant.Body);
        both = both with { Token = await fixture.SignInAsync(both.Email, MemberApi.Password) };
        inA.Add(IdOf(organiser.MemberId));
        inA.Add(IdOf(both.MemberId));
        var scene = new Scene(admin, a, b, organiser, both, inA, inB);
        fixture.Scene = scene;
        return scene;
    }

    private static Guid IdOf(string globalId) => GlobalId.TryDecode(globalId, "Member")!.Value;

    [Theory]
    [InlineData("admin", "email", 20)]
    [InlineData("admin", "email phone history(first: 1) { totalCount }", 3)]
    [InlineData("organiser", "email", 20)]
    [InlineData("organiser", "givenName", 20)]
    [InlineData("both", "email", 20)]
    [InlineData("both", "contribution { amount }", 20)]
    [InlineData("both", "email monthsInArrears", 2)]
    [InlineData("both", "email", -3)] // last: 3
    public async Task A_search_page_records_its_reads_in_its_own_round_trip_exactly_as_the_fields_would(string who, string fields, int first)
    {
        var s = await SceneAsync();
        var (token, self) = who switch
        {
            "admin" => (s.Admin, (Guid?)null),
            "organiser" => (s.Organiser.Token, IdOf(s.Organiser.MemberId)),
            _ => (s.OrganiserTreasurer.Token, IdOf(s.OrganiserTreasurer.MemberId)),
        };
        var filter = new { search = "rosa", branchId = who == "organiser" ? s.A : null };
        var inScene = s.InA.Concat(s.InB).ToHashSet();
        string Query(string directive) =>
            $"query($filter: MemberFilter, $first: Int, $last: Int) {{ members(filter: $filter, first: $first, last: $last) {{ totalCount nodes {directive} {{ id {fields} }} }} }}";
        var page = new { filter, first = first > 0 ? first : (int?)null, last = first < 0 ? -first : (int?)null };
        await fixture.Client.DataAsync(Query(""), new { filter, first = 1 }, token); // warm up

        using var log = new SqlStatementLog(fixture.ConnectionString);
        var (now, recorded) = await RecordedByAsync(() => fixture.Client.DataAsync(Query(""), page, token));
        var statements = log.Statements;
        log.Reset();
        var (before, recordedBefore) = await RecordedByAsync(() => fixture.Client.DataAsync(Query("@include(if: true)"), page, token));

        now.ToJsonString().ShouldBe(before.ToJsonString());
        var shown = now["members"]!["nodes"]!.AsArray().Select(n => IdOf(n!["id"]!.GetValue<string>())).ToList();
        shown.Count.ShouldBe(Math.Min(Math.Abs(first), now["members"]!["totalCount"]!.GetValue<int>()));
        var readable = fields.Contains("contribution", StringComparison.Ordinal) || fields.Contains("monthsInArrears", StringComparison.Ordinal)
            ? shown // a treasurer of B reads B's contributions too
            : shown.Where(id => who == "admin" || s.InA.Contains(id));
        var expected = fields == "givenName" ? [] : readable.Where(id => id != self && inScene.Contains(id)).ToHashSet();
        recorded.Where(inScene.Contains).ShouldBe(expected, ignoreOrder: true);
        recorded.ShouldBe(recordedBefore, ignoreOrder: true);
        // one round trip (history reads its pages after it), and no other write of a record
        statements.Count.ShouldBe(fields.Contains("history", StringComparison.Ordinal) ? 1 + shown.Count : 1, string.Join("\n---\n", statements));
        statements.Skip(1).ShouldNotContain(sql => sql.Contains("personaldataread", StringComparison.Ordinal));
        if (expected.Count > 0) statements[0].ShouldContain("insert into membership.mt_doc_personaldataread");
    }

    [Fact]
    public async Task A_member_read_twice_in_one_request_is_recorded_once_and_the_records_are_what_Marten_writes()
    {
        var s = await SceneAsync();
        var filter = new { search = "rosa", branchId = s.A };
        const string Twice = """
            query($filter: MemberFilter) {
              one: members(filter: $filter, first: 20) { nodes { id email } }
              two: members(filter: $filter, first: 20) { edges { node { phone ... on Member { postcode } } } }
              three: members(filter: $filter, first: 20) { nodes { id email @include(if: true) } }
            }
            """;
        var (_, recorded) = await RecordedByAsync(() => fixture.Client.DataAsync(Twice, new { filter }, s.Admin));
        recorded.ShouldBe(s.InA, ignoreOrder: true);

        // rows written by the search's statement and by Marten (the resolvers' path) look alike, column for column
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var search = await RowsAsync(connection, "true");
        var (_, byResolvers) = await RecordedByAsync(() => fixture.Client.DataAsync(
            "query($id: ID!) { node(id: $id) { ... on Member { email } } }", new { id = GlobalId.Encode("Member", s.InB[0]) }, s.Admin));
        byResolvers.ShouldBe([s.InB[0]]);
        var marten = (await RowsAsync(connection, $"member_id = '{s.InB[0]}'"))[^1];
        foreach (var row in search.TakeLast(s.InA.Count))
        {
            row.Keys.Order().ShouldBe(marten.Keys.Order());
            foreach (var key in row.Keys.Except(["id", "data", "member_id", "sequence", "mt_version", "mt_last_modified"])) row[key].ShouldBe(marten[key], key);
            var (data, martenData) = (JsonNode.Parse(row["data"]!)!.AsObject(), JsonNode.Parse(marten["data"]!)!.AsObject());
            data.Select(p => p.Key).Order().ShouldBe(martenData.Select(p => p.Key).Order());
            data["Id"]!.GetValue<string>().ShouldBe(row["id"]);
            data["MemberId"]!.GetValue<string>().ShouldBe(row["member_id"]);
            data["Sequence"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture).ShouldBe(row["sequence"]);
            foreach (var key in new[] { "ReaderAccountId", "ReaderMemberId", "ReaderRoles", "Subject", "ApplicationId" })
                data[key]?.ToJsonString().ShouldBe(martenData[key]?.ToJsonString());
            Guid.Parse(row["id"]!).Version.ShouldBe(7);
            Guid.TryParse(row["mt_version"], out _).ShouldBeTrue();
            Guid.TryParse(marten["mt_version"], out _).ShouldBeTrue();
        }
    }

    /// <summary>What a request recorded: its answer and the members whose reads were recorded meanwhile, each once.</summary>
    private async Task<(JsonNode Answer, List<Guid> Recorded)> RecordedByAsync(Func<Task<JsonNode>> request)
    {
        var before = await TestPostgres.ScalarAsync(fixture.ConnectionString, "select coalesce(max(sequence), 0) from membership.mt_doc_personaldataread");
        var answer = await request();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select member_id from membership.mt_doc_personaldataread where sequence > $1", connection) { Parameters = { new() { Value = before } } };
        var recorded = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) recorded.Add(reader.GetGuid(0));
        recorded.Count.ShouldBe(recorded.Distinct().Count());
        return (answer, recorded);
    }

    private static async Task<List<Dictionary<string, string?>>> RowsAsync(NpgsqlConnection connection, string where)
    {
        await using var command = new NpgsqlCommand($"select to_jsonb(t)::text from membership.mt_doc_personaldataread t where {where} order by sequence", connection);
        var rows = new List<Dictionary<string, string?>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(JsonNode.Parse(reader.GetString(0))!.AsObject().ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : p.Value?.ToJsonString()));
        return rows;
    }
}
