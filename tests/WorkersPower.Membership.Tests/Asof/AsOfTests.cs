using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Asof;

/// <summary>
/// Member.asOf, membersAsOf and Member.personalDataAccess against a real host: a member whose history (joined in
/// March, suspended in April, paid in June for May, moved branch at 23:30 UTC on 14 July) is written with its own
/// times straight into the store, as an import or a migration would leave it.
/// </summary>
public sealed class AsOfTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string MembersAsOf = """
        query($date: Date!, $branchId: ID!, $first: Int, $after: String) {
          membersAsOf(date: $date, branchId: $branchId, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
        }
        """;

    private const string AsOf = """
        query($id: ID!, $date: Date!) { node(id: $id) { ... on Member { asOf(date: $date) {
          date joined message standing inGoodStanding branch { id } roles contribution { amount } monthsInArrears arrears { amount } events { type } } } } }
        """;

    private static DateTimeOffset Utc(int month, int day, int hour = 12, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private sealed record World(string A, string B, Guid BranchA, Guid BranchB, string Moved, string Stays, Guid MovedId);

    /// <summary>Two fresh branches; Moved's history as above; Stays joined A in March and stayed.</summary>
    private async Task<World> WorldAsync()
    {
        var admin = await fixture.AdminTokenAsync();
        var a = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var b = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var (branchA, branchB) = (GlobalId.TryDecode(a, "Branch")!.Value, GlobalId.TryDecode(b, "Branch")!.Value);
        var moved = Guid.CreateVersion7();
        var stays = Guid.CreateVersion7();
        var by = Guid.NewGuid();
        await using (var session = fixture.Services.GetRequiredService<IMembershipStore>().LightweightSession())
        {
            session.Events.StartStream<MemberProfile>(moved,
                Started(moved, branchA, "Moved", Utc(3, 10)),
                new MembershipSuspended(moved, "Shouted at a meeting", by, Utc(4, 5)),
                new MembershipReinstated(moved, "Apologised", by, Utc(4, 20)),
                new ContributionPaymentRecorded(moved, Guid.NewGuid(), new Money(30, "GBP"), new DateOnly(2026, 5, 31), null, "MANUAL", by, Utc(6, 20)),
                new MemberTransferred(moved, branchA, branchB, by, Utc(7, 14, 23, 30)));
            session.Events.StartStream<MemberProfile>(stays, Started(stays, branchA, "Stays", Utc(3, 1)));
            await session.SaveChangesAsync();
        }
        return new World(a, b, branchA, branchB, GlobalId.Encode("Member", moved), GlobalId.Encode("Member", stays), moved);
    }

    private static MembershipStarted Started(Guid id, Guid branch, string name, DateTimeOffset at) =>
        new(id, Guid.NewGuid(), branch, name, "Asof", $"{name.ToLowerInvariant()}.{id:N}@example.org", null, "E1 6AN", null, null, [],
            new Money(10, "GBP"), ContributionFrequency.Monthly, Guid.Empty, at);

    private async Task<IReadOnlyList<string>> MembersOnAsync(string date, string branch, string? token = null)
    {
        var response = await fixture.Client.PostAsync(MembersAsOf, new { date, branchId = branch, first = 100 }, token ?? await fixture.AdminTokenAsync());
        response.ShouldSucceed();
        var ids = response["membersAsOf.nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        response["membersAsOf.totalCount"]!.GetValue<int>().ShouldBe(ids.Count);
        return ids;
    }

    [Fact]
    public async Task Members_as_of_a_day_follow_the_transfer_at_the_end_of_the_day_in_london_and_leave_out_the_suspended()
    {
        var w = await WorldAsync();
        (await MembersOnAsync("2026-03-09", w.A)).ShouldBe([w.Stays]);
        (await MembersOnAsync("2026-03-10", w.A)).ShouldBe([w.Moved, w.Stays], ignoreOrder: true);
        (await MembersOnAsync("2026-04-10", w.A)).ShouldBe([w.Stays]);
        // moved at 23:30 UTC on 14 July: 00:30 on the 15th in London
        (await MembersOnAsync("2026-07-14", w.A)).ShouldBe([w.Moved, w.Stays], ignoreOrder: true);
        (await MembersOnAsync("2026-07-14", w.B)).ShouldBeEmpty();
        (await MembersOnAsync("2026-07-15", w.A)).ShouldBe([w.Stays]);
        (await MembersOnAsync("2026-07-15", w.B)).ShouldBe([w.Moved]);
    }

    [Fact]
    public async Task Members_as_of_a_day_page_with_cursors_and_refuse_a_day_after_today()
    {
        var w = await WorldAsync();
        var admin = await fixture.AdminTokenAsync();
        var first = await fixture.Client.PostAsync(MembersAsOf, new { date = "2026-06-01", branchId = w.A, first = 1 }, admin);
        first["membersAsOf.totalCount"]!.GetValue<int>().ShouldBe(2);
        first["membersAsOf.pageInfo.hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        var second = await fixture.Client.PostAsync(MembersAsOf, new { date = "2026-06-01", branchId = w.A, first = 1, after = first["membersAsOf.pageInfo.endCursor"]!.GetValue<string>() }, admin);
        string[] paged = [first["membersAsOf.nodes"]![0]!["id"]!.GetValue<string>(), second["membersAsOf.nodes"]![0]!["id"]!.GetValue<string>()];
        paged.ShouldBe([w.Moved, w.Stays], ignoreOrder: true);
        // by member id (as PostgreSQL orders uuids: their hex text)
        paged.Select(id => GlobalId.TryDecode(id, "Member")!.Value.ToString("N")).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        second["membersAsOf.pageInfo.hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
        var future = await fixture.Client.PostAsync(MembersAsOf, new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd"), branchId = w.A }, admin);
        future.ErrorCodes.ShouldBe([ErrorCodes.BadUserInput]);
    }

    [Fact]
    public async Task As_of_a_day_across_a_suspension_a_payment_paid_before_and_recorded_after_and_a_transfer()
    {
        var w = await WorldAsync();
        var admin = await fixture.AdminTokenAsync();
        async Task<System.Text.Json.Nodes.JsonNode> On(string date)
        {
            var response = await fixture.Client.PostAsync(AsOf, new { id = w.Moved, date }, admin);
            response.ShouldSucceed();
            return response["node.asOf"].ShouldNotBeNull(response.Body);
        }
        var before = await On("2026-03-09");
        before["joined"]!.GetValue<bool>().ShouldBeFalse();
        before["message"]!.GetValue<string>().ShouldStartWith("Not a member yet at the end of 2026-03-09 (Europe/London)");
        before["standing"].ShouldBeNull();

        var suspended = await On("2026-04-10");
        suspended["standing"]!.GetValue<string>().ShouldBe("SUSPENDED");
        suspended["inGoodStanding"]!.GetValue<bool>().ShouldBeFalse();
        suspended["roles"]!.AsArray().ShouldBeEmpty();
        suspended["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["JOINED", "SUSPENDED"]);

        // paid on 31 May, recorded on 20 June: it counts on 10 June; on 30 May it does not
        (await On("2026-06-10"))["monthsInArrears"]!.GetValue<int>().ShouldBe(0);
        (await On("2026-06-10"))["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["JOINED", "SUSPENDED", "REINSTATED", "PAYMENT_RECORDED"]);
        var may = await On("2026-05-30");
        may["monthsInArrears"]!.GetValue<int>().ShouldBe(2);
        decimal.Parse(GraphQLResponse.Navigate(may, "arrears.amount")!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(20m);
        may["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["MEMBER"]);

        GraphQLResponse.Navigate(await On("2026-07-14"), "branch.id")!.GetValue<string>().ShouldBe(w.A);
        GraphQLResponse.Navigate(await On("2026-07-15"), "branch.id")!.GetValue<string>().ShouldBe(w.B);
    }

    [Fact]
    public async Task An_organiser_of_another_branch_is_refused_and_an_organiser_of_the_branch_of_that_day_reads_and_is_recorded()
    {
        var w = await WorldAsync();
        var organiserOfA = await MemberApi.JoinAsync(fixture, w.A, "ORGANISER");
        var organiserOfB = await MemberApi.JoinAsync(fixture, w.B, "ORGANISER");
        var elsewhere = await MemberApi.JoinAsync(fixture, await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync()), "ORGANISER");

        (await fixture.Client.PostAsync(MembersAsOf, new { date = "2026-07-01", branchId = w.A }, organiserOfB.Token)).ErrorCodes.ShouldBe([ErrorCodes.Forbidden]);
        (await fixture.Client.PostAsync(MembersAsOf, new { date = "2026-07-01", branchId = w.A }, elsewhere.Token)).ErrorCodes.ShouldBe([ErrorCodes.Forbidden]);
        (await fixture.Client.PostAsync(MembersAsOf, new { date = "2026-07-01", branchId = w.A })).ErrorCodes.ShouldBe([ErrorCodes.Unauthenticated]);

        // Moved is in B now: A's organiser reaches them through A's list of 1 July, and reads them as of that day, not as of today
        const string Through = """
            query($branchId: ID!) { membersAsOf(date: "2026-07-01", branchId: $branchId) { nodes { id
              then: asOf(date: "2026-07-01") { standing events { type } } now: asOf(date: "2026-11-01") { standing } } } }
            """;
        var read = await fixture.Client.PostAsync(Through, new { branchId = w.A }, organiserOfA.Token);
        read.ShouldSucceed();
        var moved = read["membersAsOf.nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == w.Moved)!;
        moved["then"]!["standing"]!.GetValue<string>().ShouldBe("ACTIVE");
        moved["then"]!["events"]!.AsArray().Count.ShouldBe(4);
        moved["now"].ShouldBeNull();

        // B's organiser organises Moved's branch of today: reads 1 July too
        var byB = await fixture.Client.PostAsync(AsOf, new { id = w.Moved, date = "2026-07-01" }, organiserOfB.Token);
        byB["node.asOf.standing"]!.GetValue<string>().ShouldBe("ACTIVE");

        var reads = await fixture.Client.DataAsync("query($m: ID) { personalDataReads(memberId: $m, first: 50) { nodes { readerAccountId reader { id } } } }", new { m = w.Moved }, await fixture.AdminTokenAsync());
        var readers = reads["personalDataReads"]!["nodes"]!.AsArray().Select(n => n!["reader"]?["id"]?.GetValue<string>()).ToList();
        readers.ShouldContain(organiserOfA.MemberId);
        readers.ShouldContain(organiserOfB.MemberId);
    }

    [Fact]
    public async Task A_member_reads_their_own_snapshot_unrecorded_and_nothing_before_they_joined()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var readsBefore = await ReadsOfAsync(member.MemberId);
        var own = await fixture.Client.PostAsync("query($d: Date!) { me { asOf(date: $d) { joined standing roles } } }", new { d = today.ToString("yyyy-MM-dd") }, member.Token);
        own.ShouldSucceed();
        own["me.asOf.standing"]!.GetValue<string>().ShouldBe("ACTIVE");
        var before = await fixture.Client.PostAsync("query($d: Date!) { me { asOf(date: $d) { joined message } } }", new { d = today.AddDays(-2).ToString("yyyy-MM-dd") }, member.Token);
        before["me.asOf.joined"]!.GetValue<bool>().ShouldBeFalse();
        (await ReadsOfAsync(member.MemberId)).ShouldBe(readsBefore);
    }

    private async Task<int> ReadsOfAsync(string memberId) =>
        (await fixture.Client.DataAsync("query($m: ID) { personalDataReads(memberId: $m) { totalCount } }", new { m = memberId }, await fixture.AdminTokenAsync()))
            ["personalDataReads"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task Personal_data_access_names_the_grants_that_reached_the_member_and_the_reads_of_the_day()
    {
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var member = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var otherBranch = await MemberApi.JoinAsync(fixture, await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync()), "ORGANISER");
        (await MemberApi.MemberAsync(fixture, member.MemberId, organiser.Token, "email")).ShouldSucceed();
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        const string Access = """
            query($d: Date!) { me { personalDataAccess(date: $d) { date branches { id } grants { holder { id } role scopeKind branch { id } from until }
              reads { totalCount nodes { reader { id } } } } } }
            """;
        var response = await fixture.Client.PostAsync(Access, new { d = today }, member.Token);
        response.ShouldSucceed();
        var access = response["me.personalDataAccess"].ShouldNotBeNull(response.Body);
        access["branches"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ShouldBe([branch]);
        var holders = access["grants"]!.AsArray().Select(g => g!["holder"]?["id"]?.GetValue<string>()).ToList();
        holders.ShouldContain(organiser.MemberId);
        holders.ShouldNotContain(otherBranch.MemberId);
        access["grants"]!.AsArray().Single(g => g!["holder"]?["id"]?.GetValue<string>() == organiser.MemberId)!["scopeKind"]!.GetValue<string>().ShouldBe("BRANCH");
        GraphQLResponse.Navigate(access, "reads.nodes")!.AsArray().Select(r => r!["reader"]?["id"]?.GetValue<string>()).ShouldContain(organiser.MemberId);

        // another member, and an organiser of another branch, get nothing; the admin does
        (await fixture.Client.PostAsync($"query($id: ID!, $d: Date!) {{ node(id: $id) {{ ... on Member {{ personalDataAccess(date: $d) {{ date }} }} }} }}",
            new { id = member.MemberId, d = today }, await fixture.AdminTokenAsync()))["node.personalDataAccess.date"]!.GetValue<string>().ShouldBe(today);
        (await fixture.Client.PostAsync($"query($id: ID!, $d: Date!) {{ node(id: $id) {{ ... on Member {{ personalDataAccess(date: $d) {{ date }} }} }} }}",
            new { id = member.MemberId, d = today }, organiser.Token))["node.personalDataAccess"].ShouldBeNull();
    }

    [Fact]
    public async Task The_standing_intervals_are_rebuilt_for_existing_members_once_and_the_same_as_kept_inline()
    {
        var w = await WorldAsync();
        var rebuild = fixture.Services.GetRequiredService<StandingIntervalRebuild>();
        (await rebuild.RunAsync(force: false, CancellationToken.None)).ShouldBeNull(); // built at start-up (empty then), kept inline since

        var inline = await RowsAsync();
        var moved = inline.Where(r => r.Member == w.MovedId).ToList();
        await using (var session = fixture.Services.GetRequiredService<IMembershipStore>().QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(w.MovedId);
            moved.ShouldBe(StandingIntervals.Of(w.MovedId, events.Select(e => e.Data)).Select(i => (i.MemberId, i.BranchId, i.Standing.ToString(), i.From, i.To)).ToList());
        }
        moved.Count.ShouldBe(4);

        // a database whose members came before the projection: no rows, no mark
        await ExecuteAsync($"delete from {StandingIntervalProjection.Table}; delete from membership.projection_builds");
        (await RowsAsync()).ShouldBeEmpty();
        (await rebuild.RunAsync(force: false, CancellationToken.None)).ShouldBe(inline.Count);
        (await RowsAsync()).ShouldBe(inline);
        (await rebuild.RunAsync(force: false, CancellationToken.None)).ShouldBeNull();
        (await rebuild.RunAsync(force: true, CancellationToken.None)).ShouldBe(inline.Count);
        (await RowsAsync()).ShouldBe(inline);
        (await MembersOnAsync("2026-07-15", w.B)).ShouldBe([w.Moved]);
    }

    private async Task<List<(Guid Member, Guid Branch, string Standing, DateTimeOffset From, DateTimeOffset? To)>> RowsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select member_id, branch_id, standing, from_at, to_at from {StandingIntervalProjection.Table} order by member_id, from_at, to_at nulls last", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, Guid, string, DateTimeOffset, DateTimeOffset?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
