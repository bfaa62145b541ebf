using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>CampaignAction.walkInCandidates: who may search, what comes back (names and branches only), the record of reads, erased members.</summary>
public sealed class WalkInCandidatesTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Search = """
        query($id: ID!, $search: String!, $first: Int) {
          node(id: $id) { ... on CampaignAction { walkInCandidates(search: $search, first: $first) { memberId displayName branch { id name } } } }
        }
        """;

    private const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 100) { totalCount nodes { memberId reader { id } } } }";

    /// <summary>A surname no other test's member has (letters only, as names are).</summary>
    private static string UniqueSurname() => "Qx" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()).PadRight(8, 'z');

    /// <summary>A member of a branch with this name, once Campaigns' copy has it.</summary>
    private async Task<MemberApi.Person> NamedAsync(string branchId, string givenName, string familyName, params string[] roles)
    {
        var person = await MemberApi.JoinAsync(fixture, branchId, roles);
        var renamed = await fixture.Client.PostAsync("mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { errors { code message field } } }",
            new { input = new { givenName, familyName } }, person.Token);
        renamed.UserErrors("updateMyProfile").ShouldBeEmpty(renamed.Body);
        await CopyAsync(person, m => m.DisplayName == $"{givenName} {familyName}");
        return person;
    }

    /// <summary>Waits until Campaigns' copy of the member satisfies the condition.</summary>
    private async Task CopyAsync(MemberApi.Person person, Func<Members.CampaignMember, bool> condition)
    {
        var id = GlobalId.TryDecode(person.MemberId, "Member")!.Value;
        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            if (await session.LoadAsync<Members.CampaignMember>(id) is { } m && condition(m)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException("Campaigns' copy of the member never changed as expected.");
    }

    private sealed record World(
        string Surname, string BranchA, string BranchB, string ActionId, string Admin,
        MemberApi.Person Launcher, MemberApi.Person Colleague, MemberApi.Person OrganiserB, MemberApi.Person Member,
        MemberApi.Person OwnBranch, MemberApi.Person OtherBranch, MemberApi.Person TakingPart, MemberApi.Person Erased);

    /// <summary>
    /// A campaign launched by an organiser of branch A, with two actions; four members share a surname: one of
    /// branch A, one of branch B, one of branch B signed up for the campaign's other action, one of branch A erased.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var admin = await fixture.AdminTokenAsync();
        var branchA = await fixture.BranchAsync();
        var branchB = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var surname = UniqueSurname();
        var launcher = await NamedAsync(branchA, "Lena", "Launcher", "ORGANISER");
        var colleague = await NamedAsync(branchA, "Carl", "Colleague", "ORGANISER");
        var organiserB = await NamedAsync(branchB, "Olga", "Other", "ORGANISER");
        var member = await NamedAsync(branchA, "Mo", "Member");
        var ownBranch = await NamedAsync(branchA, "Ada", surname);
        var otherBranch = await NamedAsync(branchB, "Bea", surname);
        var takingPart = await NamedAsync(branchB, "Cy", surname);
        var erased = await NamedAsync(branchA, "Dot", surname);

        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, launcher.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(2));
        var otherActionId = await CampaignsApi.ScheduleAsync(fixture, launcher.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(3));
        (await CampaignsApi.SignUpAsync(fixture.Client, takingPart.Token, otherActionId)).UserErrors("signUpForAction").ShouldBeEmpty();

        var erasure = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code message } } }",
            new { input = new { memberId = erased.MemberId } }, admin);
        erasure.UserErrors("eraseMember").ShouldBeEmpty(erasure.Body);
        await CopyAsync(erased, m => m.Erased);
        return new World(surname, branchA, branchB, actionId, admin, launcher, colleague, organiserB, member, ownBranch, otherBranch, takingPart, erased);
    }

    private async Task<GraphQLResponse> SearchAsync(World w, string token, string? search = null, int? first = null) =>
        await fixture.Client.PostAsync(Search, new { id = w.ActionId, search = search ?? w.Surname.ToLowerInvariant(), first }, token);

    private static List<JsonNode> Candidates(GraphQLResponse response)
    {
        response.Errors.ShouldBeNull(response.Body);
        return response.Data!["node"]!["walkInCandidates"]!.AsArray().Select(n => n!).ToList();
    }

    [Fact]
    public async Task The_campaigns_organisers_find_members_they_may_check_in_admins_anyone_and_erased_members_nobody()
    {
        var w = await WorldAsync();

        // the campaign's organiser: their own branch's member and the one taking part in the campaign, by part of the name, any case
        var byLauncher = Candidates(await SearchAsync(w, w.Launcher.Token));
        byLauncher.Select(c => c["memberId"]!.GetValue<string>()).ShouldBe([w.OwnBranch.MemberId, w.TakingPart.MemberId]);
        byLauncher.Select(c => c["displayName"]!.GetValue<string>()).ShouldBe([$"Ada {w.Surname}", $"Cy {w.Surname}"]);
        byLauncher.Select(c => c["branch"]!["id"]!.GetValue<string>()).ShouldBe([w.BranchA, w.BranchB]);
        byLauncher.ShouldAllBe(c => !string.IsNullOrEmpty(c["branch"]!["name"]!.GetValue<string>()));

        // an admin: anyone not erased, sorted by name; first limits
        Candidates(await SearchAsync(w, w.Admin)).Select(c => c["memberId"]!.GetValue<string>())
            .ShouldBe([w.OwnBranch.MemberId, w.OtherBranch.MemberId, w.TakingPart.MemberId]);
        Candidates(await SearchAsync(w, w.Admin, first: 1)).Select(c => c["memberId"]!.GetValue<string>()).ShouldBe([w.OwnBranch.MemberId]);
        // words in order, each part of the name (seven letters of the surname: four matched another test's Bea one time in six)
        Candidates(await SearchAsync(w, w.Admin, search: $"bea {w.Surname[..7]}")).Select(c => c["memberId"]!.GetValue<string>()).ShouldBe([w.OtherBranch.MemberId]);
        // wildcards are taken literally
        Candidates(await SearchAsync(w, w.Admin, search: "%%")).ShouldBeEmpty();
        Candidates(await SearchAsync(w, w.Admin, search: "__")).ShouldBeEmpty();

        // whom the search offers, checkInAttendee accepts
        var checkIn = await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId = w.ActionId, memberId = w.TakingPart.MemberId } }, w.Launcher.Token);
        checkIn.UserErrors("checkInAttendee").ShouldBeEmpty(checkIn.Body);
        checkIn["checkInAttendee.action.attendanceCount"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Other_organisers_members_and_anonymous_callers_are_refused_and_a_short_search_is_invalid()
    {
        var w = await WorldAsync();
        foreach (var token in new[] { w.Colleague.Token, w.OrganiserB.Token, w.Member.Token })
        {
            var refused = await SearchAsync(w, token);
            refused.ErrorCodes.ShouldBe(["FORBIDDEN"], refused.Body);
            refused.Data?["node"]?["walkInCandidates"].ShouldBeNull();
        }
        var anonymous = await fixture.Client.PostAsync(Search, new { id = w.ActionId, search = w.Surname });
        anonymous.ErrorCodes.ShouldNotBeEmpty();
        anonymous.Data?["node"]?["walkInCandidates"].ShouldBeNull();

        foreach (var search in new[] { "a", " a ", "" })
        {
            var tooShort = await SearchAsync(w, w.Launcher.Token, search: search);
            tooShort.ErrorCodes.ShouldBe(["VALIDATION"], tooShort.Body);
        }
        (await SearchAsync(w, w.Launcher.Token, first: 0)).ErrorCodes.ShouldBe(["VALIDATION"]);
        (await SearchAsync(w, w.Launcher.Token, first: 26)).ErrorCodes.ShouldBe(["VALIDATION"]);
    }

    [Fact]
    public async Task A_candidate_has_a_member_id_a_name_and_a_branch_and_nothing_else()
    {
        var type = await fixture.Client.DataAsync("{ __type(name: \"WalkInCandidate\") { fields { name } } }");
        type["__type"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Order().ShouldBe(["branch", "displayName", "memberId"]);
    }

    [Fact]
    public async Task Every_member_returned_is_recorded_as_read_by_the_searcher_and_no_one_else_is()
    {
        var w = await WorldAsync();
        async Task<JsonNode> ReadsOf(MemberApi.Person m) => (await fixture.Client.DataAsync(Reads, new { id = m.MemberId }, w.Admin))["personalDataReads"]!;
        async Task<int> CountOf(MemberApi.Person m) => (await ReadsOf(m))["totalCount"]!.GetValue<int>();
        var people = new[] { w.OwnBranch, w.OtherBranch, w.TakingPart };
        var before = new List<int>();
        foreach (var p in people) before.Add(await CountOf(p));

        Candidates(await SearchAsync(w, w.Launcher.Token)).Count.ShouldBe(2);

        (await CountOf(w.OwnBranch)).ShouldBe(before[0] + 1);
        (await CountOf(w.OtherBranch)).ShouldBe(before[1], "not returned: not read");
        (await CountOf(w.TakingPart)).ShouldBe(before[2] + 1);
        foreach (var p in new[] { w.OwnBranch, w.TakingPart })
            (await ReadsOf(p))["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(w.Launcher.MemberId);

        // refused and invalid searches read nobody
        await SearchAsync(w, w.Colleague.Token);
        await SearchAsync(w, w.Launcher.Token, search: "a");
        (await CountOf(w.OwnBranch)).ShouldBe(before[0] + 1);
        (await CountOf(w.TakingPart)).ShouldBe(before[2] + 1);
    }
}
