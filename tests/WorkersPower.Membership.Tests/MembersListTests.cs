using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class MembersListFixture : MembershipFixture;

/// <summary>The organisers' list: filters, search, scope and pagination.</summary>
public sealed class MembersListTests(MembersListFixture fixture) : IClassFixture<MembersListFixture>
{
    private const string List = """
        query($filter: MemberFilter, $first: Int, $after: String) {
          members(filter: $filter, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id familyName givenName status }
          }
        }
        """;

    [Fact]
    public async Task Filters_combine_and_pages_walk_the_whole_list_once()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin, "Listing");
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var people = new List<MemberApi.Person>();
        for (var i = 0; i < 5; i++) people.Add(await MemberApi.JoinAsync(fixture, branch));
        await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = people[0].MemberId, reason = "Test" }, organiser.Token);
        await MemberApi.MutateAsync(fixture, "updateMyParticipation", "UpdateMyParticipationInput", new { interests = new[] { "students" } }, people[1].Token);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.Client.DataAsync(List, new { filter = (object?)null, first = 2, after }, organiser.Token))["members"]!;
            page["totalCount"]!.GetValue<int>().ShouldBe(6);
            seen.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        seen.Count.ShouldBe(6);
        seen.Distinct().Count().ShouldBe(6);

        var suspended = (await fixture.Client.DataAsync(List, new { filter = new { status = "SUSPENDED" } }, organiser.Token))["members"]!;
        suspended["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([people[0].MemberId]);
        var students = (await fixture.Client.DataAsync(List, new { filter = new { interest = "students" } }, organiser.Token))["members"]!;
        students["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([people[1].MemberId]);
        var byEmail = (await fixture.Client.DataAsync(List, new { filter = new { search = people[2].Email[..20].ToUpperInvariant() } }, organiser.Token))["members"]!;
        byEmail["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([people[2].MemberId]);
        var paidUp = (await fixture.Client.DataAsync(List, new { filter = new { inArrears = false } }, organiser.Token))["members"]!;
        paidUp["totalCount"]!.GetValue<int>().ShouldBe(6);
        var inArrears = (await fixture.Client.DataAsync(List, new { filter = new { inArrears = true } }, organiser.Token))["members"]!;
        inArrears["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task An_organiser_sees_only_their_branch_and_admins_see_all()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var inB = await MemberApi.JoinAsync(fixture, b);
        var mine = (await fixture.Client.DataAsync(List, new { first = 100 }, organiser.Token))["members"]!;
        mine["nodes"]!.AsArray().ShouldNotContain(n => n!["id"]!.GetValue<string>() == inB.MemberId);
        var all = (await fixture.Client.DataAsync(List, new { filter = new { branchId = b }, first = 100 }, admin))["members"]!;
        all["nodes"]!.AsArray().ShouldContain(n => n!["id"]!.GetValue<string>() == inB.MemberId);
    }

    [Fact]
    public async Task A_search_pages_through_every_match_once()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var found = new List<string>();
        for (var i = 0; i < 5; i++) found.Add((await MemberApi.JoinAsync(fixture, branch)).MemberId);
        var seen = new List<string>();
        string? after = null;
        var filter = new { search = "rosa", branchId = branch };
        do
        {
            var page = (await fixture.Client.DataAsync(List, new { filter, first = 2, after }, admin))["members"]!;
            page["totalCount"]!.GetValue<int>().ShouldBe(5);
            seen.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        seen.ShouldBe(found, ignoreOrder: true);
        var none = (await fixture.Client.DataAsync(List, new { filter = new { search = "100%_\\" }, first = 5 }, admin))["members"]!;
        none["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_too_short_search_is_refused()
    {
        var response = await fixture.Client.PostAsync(List, new { filter = new { search = "a" } }, await fixture.AdminTokenAsync());
        response.ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }
}

public sealed class MembershipRoundTripTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task A_page_of_members_with_branches_and_roles_costs_the_same_round_trips_for_twenty_as_for_five()
    {
        var admin = await fixture.AdminTokenAsync();
        var branches = new[] { await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin) };
        for (var i = 0; i < 20; i++) await MembershipApi.JoinAsync(fixture, branches[i % 2]);
        const string Page = "query($first: Int) { members(first: $first) { totalCount nodes { id givenName status roles branch { name memberCount } } } }";
        await fixture.Client.DataAsync(Page, new { first = 1 }, admin); // warm up
        using var counter = new SqlCounter(fixture.ConnectionString);
        await fixture.Client.DataAsync(Page, new { first = 5 }, admin);
        var five = counter.Count;
        counter.Reset();
        var twenty = await fixture.Client.DataAsync(Page, new { first = 20 }, admin);
        twenty["members"]!["nodes"]!.AsArray().Count.ShouldBe(20);
        five.ShouldBeGreaterThan(0);
        counter.Count.ShouldBe(five);
    }
}

public sealed class MembershipSearchRoundTripTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task A_search_page_reads_its_members_with_the_hits_the_same_as_the_plain_list()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        for (var i = 0; i < 20; i++) await MembershipApi.JoinAsync(fixture, branch);
        const string Page = "query($filter: MemberFilter, $first: Int) { members(filter: $filter, first: $first) { totalCount nodes { id givenName familyName email status roles } } }";
        var search = new { branchId = branch, search = "rosa" };
        await fixture.Client.DataAsync(Page, new { filter = search, first = 1 }, admin); // warm up
        using var counter = new SqlCounter(fixture.ConnectionString);
        await fixture.Client.DataAsync(Page, new { filter = search, first = 5 }, admin);
        var five = counter.Count;
        counter.Reset();
        var twenty = (await fixture.Client.DataAsync(Page, new { filter = search, first = 20 }, admin))["members"]!;
        var forTwenty = counter.Count;
        var plain = (await fixture.Client.DataAsync(Page, new { filter = new { branchId = branch }, first = 20 }, admin))["members"]!;

        twenty["nodes"]!.AsArray().Count.ShouldBe(20);
        twenty["totalCount"]!.GetValue<int>().ShouldBe(20);
        twenty.ToJsonString().ShouldBe(plain.ToJsonString());
        five.ShouldBeGreaterThan(0);
        forTwenty.ShouldBe(five);
    }
}

public sealed class MembershipBackwardPagingTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("rosa")]
    public async Task Members_page_backward_to_the_same_list(string? search)
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        for (var i = 0; i < 5; i++) await MembershipApi.JoinAsync(fixture, branch);
        const string List = "query($filter: MemberFilter, $first: Int, $after: String, $last: Int, $before: String) { members(filter: $filter, first: $first, after: $after, last: $last, before: $before) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id } } }";
        var filter = new { branchId = branch, search };
        var forward = new List<string>();
        string? after = null;
        do
        {
            var page = (await fixture.Client.DataAsync(List, new { filter, first = 2, after }, admin))["members"]!;
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        var backward = new List<string>();
        string? before = null;
        do
        {
            var page = (await fixture.Client.DataAsync(List, new { filter, last = 2, before }, admin))["members"]!;
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            before = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>() ? page["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        while (before is not null);
        forward.Count.ShouldBe(5);
        backward.ShouldBe(forward);
    }

    [Fact]
    public async Task History_pages_backward()
    {
        var (_, token, _) = await MembershipApi.JoinAsync(fixture, await fixture.BranchAsync());
        var oldest = await fixture.Client.DataAsync("{ me { history(last: 1) { nodes { type } pageInfo { hasPreviousPage } } } }", token: token);
        oldest["me"]!["history"]!["nodes"]![0]!["type"]!.GetValue<string>().ShouldBe("JOINED");
        oldest["me"]!["history"]!["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBeTrue();
    }
}
