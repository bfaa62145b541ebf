using System.Text.Json.Nodes;
using Marten;
using WorkersPower.Campaigns.SignUps;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>CampaignAction.signUps over HTTP: paging, order, who sees which entries, and the record of reads.</summary>
public sealed class SignUpListTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Page = """
        query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
          node(id: $id) { ... on CampaignAction {
            signUps(first: $first, after: $after, last: $last, before: $before) {
              totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { memberId displayName status signedUpAt member { id } } }
            }
          } }
        }
        """;

    private const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 100) { totalCount nodes { memberId reader { id } } } }";

    private sealed record Entry(string MemberId, string Cursor, string Status, DateTimeOffset SignedUpAt, bool HasMember);

    private static List<Entry> Entries(JsonNode connection) =>
        connection["edges"]!.AsArray().Select(e => new Entry(
            e!["node"]!["memberId"]!.GetValue<string>(),
            e["cursor"]!.GetValue<string>(),
            e["node"]!["status"]!.GetValue<string>(),
            e["node"]!["signedUpAt"]!.GetValue<DateTimeOffset>(),
            e["node"]!["member"] is not null)).ToList();

    private async Task<JsonNode> SignUpsAsync(string actionId, string token, int? first = null, string? after = null, int? last = null, string? before = null) =>
        (await fixture.Client.DataAsync(Page, new { id = actionId, first, after, last, before }, token))["node"]!["signUps"]!;

    /// <summary>A member with roles whose copy Campaigns has (so the member's branch is known there).</summary>
    private async Task<MemberApi.Person> PersonAsync(string branchId, params string[] roles)
    {
        var person = await MemberApi.JoinAsync(fixture, branchId, roles);
        var id = GlobalId.TryDecode(person.MemberId, "Member")!.Value;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession();
            if (await session.LoadAsync<Members.CampaignMember>(id) is not null) return person;
            await Task.Delay(50);
        }
        throw new TimeoutException("Campaigns never heard that the member joined.");
    }

    private async Task<string> ActionAsync(string organiserToken, string? campaignId = null)
    {
        campaignId ??= (await CampaignsApi.LaunchAsync(fixture, organiserToken)).Id;
        return await CampaignsApi.ScheduleAsync(fixture, organiserToken, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(2));
    }

    private async Task SignUpAsync(MemberApi.Person member, string actionId)
    {
        fixture.Clock.Advance(TimeSpan.FromMinutes(1)); // distinct sign-up times
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_forward_and_backward_oldest_first_with_stable_cursors_walk_ins_and_withdrawals()
    {
        var organiser = await fixture.OrganiserAsync();
        var actionId = await ActionAsync(organiser.Token);
        var members = new List<MemberApi.Person>();
        for (var i = 0; i < 7; i++) members.Add(await fixture.MemberAsync());
        foreach (var m in members) await SignUpAsync(m, actionId);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, members[2].Token)).UserErrors("withdrawFromAction").ShouldBeEmpty();
        var walkIn = await fixture.MemberAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var beforeCheckIn = fixture.Clock.GetUtcNow();
        foreach (var m in new[] { walkIn, members[0] })
            (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = m.MemberId } }, organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();
        var afterCheckIn = fixture.Clock.GetUtcNow();
        var expected = members.Append(walkIn).Select(m => m.MemberId).ToList();

        // forward, three at a time
        var forward = new List<Entry>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await SignUpsAsync(actionId, organiser.Token, first: 3, after: after);
            page["totalCount"]!.GetValue<int>().ShouldBe(8);
            page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBe(after is not null);
            forward.AddRange(Entries(page));
            pages++;
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        pages.ShouldBe(3);
        forward.Select(e => e.MemberId).ShouldBe(expected);
        forward.Select(e => e.SignedUpAt).ShouldBeInOrder(SortDirection.Ascending);
        forward.Select(e => e.Status).ShouldBe(["ATTENDED", "SIGNED_UP", "WITHDRAWN", "SIGNED_UP", "SIGNED_UP", "SIGNED_UP", "SIGNED_UP", "ATTENDED"]);
        forward[^1].SignedUpAt.ShouldBeInRange(beforeCheckIn.AddMilliseconds(-1), afterCheckIn.AddMilliseconds(1)); // the walk-in: the check-in time
        forward[0].SignedUpAt.ShouldBeLessThan(forward[1].SignedUpAt); // attended after signing up: the sign-up time stays

        // backward, three at a time, from the end: the same entries with the same cursors
        var backward = new List<Entry>();
        string? before = null;
        while (true)
        {
            var page = await SignUpsAsync(actionId, organiser.Token, last: 3, before: before);
            page["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBe(before is not null);
            backward.InsertRange(0, Entries(page));
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()) break;
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        }
        backward.ShouldBe(forward);

        // a cursor keeps its place when entries are added after it
        var late = await fixture.MemberAsync();
        await SignUpAsync(late, actionId);
        var middle = await SignUpsAsync(actionId, organiser.Token, first: 2, after: forward[2].Cursor);
        Entries(middle).ShouldBe(forward.Skip(3).Take(2));
        middle["totalCount"]!.GetValue<int>().ShouldBe(9);
        var end = await SignUpsAsync(actionId, organiser.Token, first: 5, after: forward[^1].Cursor);
        Entries(end).Select(e => e.MemberId).ShouldBe([late.MemberId]);
        Entries(await SignUpsAsync(actionId, organiser.Token, last: 2, before: forward[3].Cursor)).ShouldBe(forward.Skip(1).Take(2));

        (await fixture.Client.PostAsync(Page, new { id = actionId, first = 2, last = 2 }, organiser.Token)).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
        (await fixture.Client.PostAsync(Page, new { id = actionId, after = "not-a-cursor" }, organiser.Token)).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }

    [Fact]
    public async Task Campaign_organisers_and_admins_see_everyone_branch_organisers_their_branch_and_others_are_refused()
    {
        var admin = await fixture.AdminTokenAsync();
        var branchA = await fixture.BranchAsync();
        var branchB = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var launcher = await PersonAsync(branchA, "ORGANISER");
        var colleague = await PersonAsync(branchA, "ORGANISER");
        var organiserB = await PersonAsync(branchB, "ORGANISER");
        var memberA = await PersonAsync(branchA);
        var memberB1 = await PersonAsync(branchB);
        var memberB2 = await PersonAsync(branchB);
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
        var actionId = await ActionAsync(launcher.Token, campaignId);
        foreach (var m in new[] { memberA, memberB1, memberB2 }) await SignUpAsync(m, actionId);
        var all = new[] { memberA.MemberId, memberB1.MemberId, memberB2.MemberId };

        // the campaign's organiser: everyone; the member record only where Membership lets them read it (their branch)
        var byLauncher = await SignUpsAsync(actionId, launcher.Token);
        byLauncher["totalCount"]!.GetValue<int>().ShouldBe(3);
        var launcherSees = Entries(byLauncher);
        launcherSees.Select(e => e.MemberId).ShouldBe(all);
        launcherSees.Select(e => e.HasMember).ShouldBe([true, false, false]);

        // an admin: everyone, with their records
        var byAdmin = await SignUpsAsync(actionId, admin);
        byAdmin["totalCount"]!.GetValue<int>().ShouldBe(3);
        Entries(byAdmin).Select(e => e.HasMember).ShouldBe([true, true, true]);

        // the organiser of branch B: branch B's members only, counted as such, with their records
        var byB = await SignUpsAsync(actionId, organiserB.Token);
        byB["totalCount"]!.GetValue<int>().ShouldBe(2);
        Entries(byB).Select(e => e.MemberId).ShouldBe([memberB1.MemberId, memberB2.MemberId]);
        Entries(byB).ShouldAllBe(e => e.HasMember);
        var pageOfOne = await SignUpsAsync(actionId, organiserB.Token, first: 1);
        pageOfOne["totalCount"]!.GetValue<int>().ShouldBe(2);
        Entries(await SignUpsAsync(actionId, organiserB.Token, first: 1, after: Entries(pageOfOne)[0].Cursor)).Select(e => e.MemberId).ShouldBe([memberB2.MemberId]);

        // another organiser of branch A sees branch A, until they are granted CAMPAIGN_ORGANISER on the campaign
        Entries(await SignUpsAsync(actionId, colleague.Token)).Select(e => e.MemberId).ShouldBe([memberA.MemberId]);
        await CampaignsApi.GrantAsync(fixture, colleague.MemberId, campaignId);
        (await SignUpsAsync(actionId, colleague.Token))["totalCount"]!.GetValue<int>().ShouldBe(3);
        // the launcher of another campaign (of branch B) sees branch B's members here, not more
        var otherLauncher = await PersonAsync(branchB, "ORGANISER");
        await CampaignsApi.LaunchAsync(fixture, otherLauncher.Token);
        Entries(await SignUpsAsync(actionId, otherLauncher.Token)).Select(e => e.MemberId).ShouldBe([memberB1.MemberId, memberB2.MemberId]);

        // members without the organiser role, and anonymous callers, are refused
        (await fixture.Client.PostAsync(Page, new { id = actionId }, memberA.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(Page, new { id = actionId })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);

        // the deprecated participants list follows the same rule
        const string Participants = "query($id: ID!) { node(id: $id) { ... on CampaignAction { participants { memberId displayName status } } } }";
        var participantsOfB = await fixture.Client.DataAsync(Participants, new { id = actionId }, organiserB.Token);
        participantsOfB["node"]!["participants"]!.AsArray().Select(p => p!["memberId"]!.GetValue<string>()).ShouldBe([memberB1.MemberId, memberB2.MemberId]);
        var participantsOfAll = await fixture.Client.DataAsync(Participants, new { id = actionId }, launcher.Token);
        participantsOfAll["node"]!["participants"]!.AsArray().Select(p => p!["memberId"]!.GetValue<string>()).ShouldBe(all);
        (await fixture.Client.PostAsync(Participants, new { id = actionId }, memberA.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Reads_of_others_entries_are_recorded_once_per_request_and_own_entries_and_counts_are_not()
    {
        var admin = await fixture.AdminTokenAsync();
        var branchA = await fixture.BranchAsync();
        var branchB = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var launcher = await PersonAsync(branchA, "ORGANISER");
        var organiserB = await PersonAsync(branchB, "ORGANISER");
        var memberA = await PersonAsync(branchA);
        var memberB = await PersonAsync(branchB);
        var actionId = await ActionAsync(launcher.Token);
        foreach (var m in new[] { launcher, memberA, memberB }) await SignUpAsync(m, actionId);

        async Task<JsonNode> ReadsOf(MemberApi.Person m) => (await fixture.Client.DataAsync(Reads, new { id = m.MemberId }, admin))["personalDataReads"]!;
        async Task<int> CountOf(MemberApi.Person m) => (await ReadsOf(m))["totalCount"]!.GetValue<int>();
        var (launcherBefore, aBefore, bBefore) = (await CountOf(launcher), await CountOf(memberA), await CountOf(memberB));

        // organiser B reads branch B's entries: memberB's read is recorded, with the reader
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps { nodes { displayName } } } } }", new { id = actionId }, organiserB.Token);
        (await CountOf(memberB)).ShouldBe(bBefore + 1);
        (await ReadsOf(memberB))["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(organiserB.MemberId);
        (await CountOf(memberA)).ShouldBe(aBefore);

        // the launcher reads everyone, names and emails in one request: one record per member, none of their own entry
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps { edges { node { displayName member { email } } } } } } }", new { id = actionId }, launcher.Token);
        (await CountOf(memberA)).ShouldBe(aBefore + 1);
        (await CountOf(memberB)).ShouldBe(bBefore + 2);
        (await CountOf(launcher)).ShouldBe(launcherBefore);

        // a count alone shows nobody's entry
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps { totalCount } } } }", new { id = actionId }, launcher.Token);
        (await CountOf(memberA)).ShouldBe(aBefore + 1);

        // the deprecated list records too
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { participants { displayName } } } }", new { id = actionId }, organiserB.Token);
        (await CountOf(memberB)).ShouldBe(bBefore + 3);
        (await CountOf(memberA)).ShouldBe(aBefore + 1);

        // cursors alone name an entry (they hold its member id and time): recorded as well
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps { pageInfo { endCursor } } } } }", new { id = actionId }, organiserB.Token);
        (await CountOf(memberB)).ShouldBe(bBefore + 4);
    }

    [Fact]
    public async Task A_page_of_fifty_sign_ups_with_members_costs_the_same_round_trips_as_a_page_of_five()
    {
        var branchA = await fixture.BranchAsync();
        var launcher = await PersonAsync(branchA, "ORGANISER");
        var branchOrganiser = await PersonAsync(branchA, "ORGANISER");
        var actionId = await ActionAsync(launcher.Token);
        for (var i = 0; i < 50; i++) await SignUpAsync(await fixture.MemberAsync(), actionId);
        const string Query = "query($id: ID!, $first: Int) { node(id: $id) { ... on CampaignAction { title signUps(first: $first) { totalCount nodes { memberId displayName status signedUpAt member { id email } } } } } }";

        foreach (var reader in new[] { launcher, branchOrganiser }) // everyone's list, and a branch's list
        {
            // warm: the connection pool (a physical connection opened under a request counts too)
            await fixture.Client.DataAsync(Query, new { id = actionId, first = 50 }, reader.Token);
            // each size twice, the fewest kept: the token check's 5-second cache may expire before either one
            using var counter = new SqlCounter(fixture.ConnectionString);
            async Task<(JsonNode Data, int RoundTrips)> MeasureAsync(int first)
            {
                counter.Reset();
                var data = await fixture.Client.DataAsync(Query, new { id = actionId, first }, reader.Token);
                return (data, counter.Count);
            }
            var (five, forFive) = await MeasureAsync(5);
            var (fifty, forFifty) = await MeasureAsync(50);
            forFive = Math.Min(forFive, (await MeasureAsync(5)).RoundTrips);
            forFifty = Math.Min(forFifty, (await MeasureAsync(50)).RoundTrips);

            five["node"]!["signUps"]!["nodes"]!.AsArray().Count.ShouldBe(5);
            var nodes = fifty["node"]!["signUps"]!["nodes"]!.AsArray();
            nodes.Count.ShouldBe(50);
            nodes.ShouldAllBe(n => n!["member"]!["email"] != null);
            forFive.ShouldBeGreaterThan(0);
            forFifty.ShouldBe(forFive);
        }
    }

    [Fact]
    public async Task Rebuilding_the_projection_fills_the_list_from_the_events_already_stored()
    {
        var organiser = await fixture.OrganiserAsync();
        var actionId = await ActionAsync(organiser.Token);
        var members = new List<MemberApi.Person>();
        for (var i = 0; i < 3; i++) members.Add(await fixture.MemberAsync());
        foreach (var m in members) await SignUpAsync(m, actionId);
        (await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, members[1].Token)).UserErrors("withdrawFromAction").ShouldBeEmpty();
        await SignUpAsync(members[1], actionId); // back again: the later time
        var walkIn = await fixture.MemberAsync();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = walkIn.MemberId } }, organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();
        var live = Entries(await SignUpsAsync(actionId, organiser.Token));
        live.Select(e => e.MemberId).ShouldBe([members[0].MemberId, members[2].MemberId, members[1].MemberId, walkIn.MemberId]);

        // a database whose events came before the projection existed: no entries ...
        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        var id = GlobalId.TryDecode(actionId, "CampaignAction")!.Value;
        // (the documents as written live: the sign-ups' by SignUpForActionHandler, the rest by the inline projection)
        var written = await DocumentsAsync(store, id);
        written.Count.ShouldBe(4);
        await using (var session = store.LightweightSession())
        {
            session.DeleteWhere<ActionSignUp>(s => s.ActionId == id);
            await session.SaveChangesAsync();
        }
        (await SignUpsAsync(actionId, organiser.Token))["totalCount"]!.GetValue<int>().ShouldBe(0);

        // ... until Marten's rebuild of the projection (what README's deployment note runs) replays them
        using (var daemon = await store.BuildProjectionDaemonAsync())
            await daemon.RebuildProjectionAsync("ActionSignUp", TimeSpan.FromMinutes(1), CancellationToken.None);
        Entries(await SignUpsAsync(actionId, organiser.Token)).ShouldBe(live);
        (await DocumentsAsync(store, id)).ShouldBe(written); // the very same documents
    }

    /// <summary>An action's entries as stored: the document and its duplicated columns, in list order.</summary>
    private static async Task<List<string>> DocumentsAsync(ICampaignsStore store, Guid actionId)
    {
        await using var session = store.QuerySession();
        return (await session.AdvancedSql.QueryAsync<string>(
                "select concat_ws(' ', id, data::text, action_id, member_id, campaign_id, sort_key, mt_dotnet_type) from campaigns.mt_doc_actionsignup where action_id = ? order by sort_key",
                CancellationToken.None, actionId)).ToList();
    }

    /// <summary>
    /// A sign-up appended without its use case (as the benchmark's seeder does) still gets its entry from the inline
    /// projection: only SignUpForActionHandler writes the entry itself.
    /// </summary>
    [Fact]
    public async Task A_sign_up_appended_without_its_use_case_gets_its_entry_from_the_projection()
    {
        var organiser = await fixture.OrganiserAsync();
        var id = GlobalId.TryDecode(await ActionAsync(organiser.Token), "CampaignAction")!.Value;
        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        var member = Guid.NewGuid();
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<Actions.CampaignAction>(id);
            stream.AppendOne(new Actions.SignedUpForAction(id, stream.Aggregate!.CampaignId, member, fixture.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }
        await using var read = store.QuerySession();
        var entry = await read.LoadAsync<ActionSignUp>(ActionSignUp.IdOf(id, member));
        entry.ShouldNotBeNull();
        (entry.Status, entry.MemberId, entry.ActionId).ShouldBe((SignUpStatus.SignedUp, member, id));
    }
}
