using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class MemberByEmailFixture : MembershipFixture;

/// <summary>memberByEmail: the whole address only, any case; only what the caller may read; the find recorded.</summary>
public sealed class MemberByEmailTests(MemberByEmailFixture fixture) : IClassFixture<MemberByEmailFixture>
{
    private const string Find = """
        query($email: String!) {
          memberByEmail(email: $email) { id givenName familyName email phone branch { id } contribution { amount currency } arrears { amount currency } }
        }
        """;

    private const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 50) { totalCount nodes { readerRoles reader { id } } } }";

    private async Task<JsonNode?> FindAsync(string email, string token) =>
        (await fixture.Client.DataAsync(Find, new { email }, token))["memberByEmail"];

    [Fact]
    public async Task A_treasurer_finds_a_member_by_the_whole_address_in_any_case_and_reads_no_email()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync()), "TREASURER");

        var found = await FindAsync(member.Email, treasurer.Token);
        found.ShouldNotBeNull();
        found["id"]!.GetValue<string>().ShouldBe(member.MemberId);
        found["branch"]!["id"]!.GetValue<string>().ShouldBe(branch);
        found["contribution"].ShouldNotBeNull(); // contributions are the treasurer's to read
        found["email"].ShouldBeNull(); // personal fields are not
        found["phone"].ShouldBeNull();

        var shouted = await FindAsync("  " + member.Email.ToUpperInvariant() + " ", treasurer.Token);
        shouted!["id"]!.GetValue<string>().ShouldBe(member.MemberId);
        shouted["email"].ShouldBeNull();
    }

    [Fact]
    public async Task Part_of_an_address_matches_nobody()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var admin = await fixture.AdminTokenAsync();
        var at = member.Email.IndexOf('@', StringComparison.Ordinal);
        (await FindAsync(member.Email[1..], admin)).ShouldBeNull(); // a valid address, but a part of theirs
        (await FindAsync(member.Email[..at] + "@example.org.uk", admin)).ShouldBeNull();
        (await FindAsync("x" + member.Email, admin)).ShouldBeNull();
        (await FindAsync("%@example.org", admin)).ShouldBeNull(); // no pattern: a % is a character like any other
        foreach (var part in new[] { member.Email[..at], member.Email[at..], "", "member.%" })
        {
            var response = await fixture.Client.PostAsync(Find, new { email = part }, admin);
            response.ErrorCodes.ShouldBe(["BAD_USER_INPUT"], part);
        }
        (await FindAsync(member.Email, admin))!["email"]!.GetValue<string>().ShouldBe(member.Email); // an admin reads it
    }

    [Fact]
    public async Task Organisers_find_members_of_their_own_branch_only()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var inA = await MemberApi.JoinAsync(fixture, a);
        var inB = await MemberApi.JoinAsync(fixture, b);
        (await FindAsync(inA.Email, organiser.Token))!["email"]!.GetValue<string>().ShouldBe(inA.Email);
        (await FindAsync(inB.Email, organiser.Token)).ShouldBeNull();
    }

    [Fact]
    public async Task Members_and_editors_may_not_look_up_and_anonymous_callers_are_asked_to_sign_in()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var editor = await MemberApi.JoinAsync(fixture, branch, "EDITOR");
        (await fixture.Client.PostAsync(Find, new { email = editor.Email }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(Find, new { email = member.Email }, editor.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(Find, new { email = member.Email })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task A_find_is_recorded_once_as_a_read_of_the_members_data_and_a_miss_records_nothing()
    {
        var admin = await fixture.AdminTokenAsync();
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var treasurer = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "TREASURER");
        async Task<JsonNode> ReadsAsync() => (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, admin))["personalDataReads"]!;
        var before = (await ReadsAsync())["totalCount"]!.GetValue<int>();

        await FindAsync(member.Email, treasurer.Token); // the find and the contribution fields: one record
        var reads = await ReadsAsync();
        reads["totalCount"]!.GetValue<int>().ShouldBe(before + 1);
        reads["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(treasurer.MemberId);
        MembershipApi.Strings(reads["nodes"]![0]!["readerRoles"]).ShouldContain("TREASURER");

        await fixture.Client.DataAsync("query($email: String!) { memberByEmail(email: $email) { id } }", new { email = member.Email }, treasurer.Token);
        (await ReadsAsync())["totalCount"]!.GetValue<int>().ShouldBe(before + 2); // a bare find is a read too

        var allBefore = (await fixture.Client.DataAsync(Reads, new { id = (string?)null }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>();
        (await FindAsync(MembershipApi.UniqueEmail("nobody"), treasurer.Token)).ShouldBeNull();
        (await fixture.Client.DataAsync(Reads, new { id = (string?)null }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>().ShouldBe(allBefore);
    }
}
