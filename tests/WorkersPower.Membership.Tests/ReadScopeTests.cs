using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class ReadScopeFixture : MembershipFixture;

/// <summary>
/// Filters and search use only what the caller may read; every read of someone else's contributions, and
/// every member an import names, is recorded.
/// </summary>
public sealed class ReadScopeTests(ReadScopeFixture fixture) : IClassFixture<ReadScopeFixture>
{
    private const string List = "query($filter: MemberFilter) { members(filter: $filter, first: 100) { totalCount nodes { id } } }";

    private const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 10) { totalCount nodes { readerRoles reader { id } } } }";

    private async Task<int> ReadCountAsync(string memberId) =>
        (await fixture.Client.DataAsync(Reads, new { id = memberId }, await fixture.AdminTokenAsync()))["personalDataReads"]!["totalCount"]!.GetValue<int>();

    private async Task<IReadOnlyList<string>> ListedAsync(object filter, string token) =>
        (await fixture.Client.DataAsync(List, new { filter }, token))["members"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_treasurer_searches_names_only_and_may_not_filter_by_interest()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, branch);
        await MemberApi.MutateAsync(fixture, "updateMyParticipation", "UpdateMyParticipationInput", new { interests = new[] { "tenants-union" } }, member.Token);
        var treasurer = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "TREASURER");
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var emailPart = member.Email[..22]; // "member.<hex>": in the email only, never in a name

        (await ListedAsync(new { search = emailPart }, treasurer.Token)).ShouldBeEmpty();
        (await ListedAsync(new { search = emailPart, branchId = branch }, treasurer.Token)).ShouldBeEmpty();
        (await ListedAsync(new { search = "rosa", branchId = branch }, treasurer.Token)).ShouldContain(member.MemberId);
        (await ListedAsync(new { search = emailPart }, admin)).ShouldBe([member.MemberId]);
        (await ListedAsync(new { search = emailPart }, organiser.Token)).ShouldBe([member.MemberId]); // their own branch: emails they read

        var interest = await fixture.Client.PostAsync(List, new { filter = new { interest = "tenants-union" } }, treasurer.Token);
        interest.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        interest.Errors![0]!["message"]!.GetValue<string>().ShouldContain("Interests");
        (await ListedAsync(new { interest = "tenants-union" }, admin)).ShouldBe([member.MemberId]);
        (await ListedAsync(new { interest = "tenants-union" }, organiser.Token)).ShouldBe([member.MemberId]);
    }

    [Fact]
    public async Task An_organiser_who_is_also_treasurer_filters_on_personal_fields_only_in_their_own_branch()
    {
        var admin = await fixture.AdminTokenAsync();
        var (mine, other) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var elsewhere = await MemberApi.JoinAsync(fixture, other);
        var both = await MemberApi.JoinAsync(fixture, mine, "ORGANISER", "TREASURER");
        var emailPart = elsewhere.Email[..22];
        (await ListedAsync(new { search = emailPart }, both.Token)).ShouldBeEmpty();
        (await fixture.Client.PostAsync(List, new { filter = new { interest = "palestine" } }, both.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(List, new { filter = new { interest = "palestine", branchId = mine } }, both.Token)).ShouldSucceed();
    }

    [Fact]
    public async Task Reads_of_contributions_by_others_are_recorded_once_per_request()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        var before = await ReadCountAsync(member.MemberId);

        await MemberApi.MemberAsync(fixture, member.MemberId, member.Token, "contribution { amount } monthsInArrears arrears { amount } contributionPayments { totalCount }");
        (await ReadCountAsync(member.MemberId)).ShouldBe(before); // the member's own

        foreach (var fields in new[] { "contribution { amount }", "contributionFrequency", "monthsInArrears", "arrears { amount }", "contributionPayments { totalCount }" })
        {
            var count = await ReadCountAsync(member.MemberId);
            await MemberApi.MemberAsync(fixture, member.MemberId, treasurer.Token, fields);
            (await ReadCountAsync(member.MemberId)).ShouldBe(count + 1, fields);
        }
        var last = await ReadCountAsync(member.MemberId);
        await MemberApi.MemberAsync(fixture, member.MemberId, treasurer.Token, "contribution { amount } monthsInArrears arrears { amount } contributionPayments { totalCount }");
        (await ReadCountAsync(member.MemberId)).ShouldBe(last + 1);
        var reads = (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, await fixture.AdminTokenAsync()))["personalDataReads"]!;
        MembershipApi.Strings(reads["nodes"]![0]!["readerRoles"]).ShouldContain("TREASURER");
        reads["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(treasurer.MemberId);
    }

    [Fact]
    public async Task An_import_records_a_read_of_every_member_it_names_dry_runs_too()
    {
        var branch = await fixture.BranchAsync();
        var byEmail = await MemberApi.JoinAsync(fixture, branch);
        var refusedRow = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        var (beforeA, beforeB) = (await ReadCountAsync(byEmail.MemberId), await ReadCountAsync(refusedRow.MemberId));
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"date,amount,member\n{today},12.50,{byEmail.Email}\nnot-a-date,5,{refusedRow.Email}\n{today},5,nobody.{Guid.NewGuid():N}@example.org\n";

        var dry = await fixture.Client.PostAsync(
            "mutation($input: ImportContributionPaymentsInput!) { importContributionPayments(input: $input) { matched refused rows { memberId } errors { code } } }",
            new { input = new { csv, dryRun = true } }, treasurer.Token);
        dry.UserErrors("importContributionPayments").ShouldBeEmpty();
        dry["importContributionPayments.matched"]!.GetValue<int>().ShouldBe(1);
        (await ReadCountAsync(byEmail.MemberId)).ShouldBe(beforeA + 1);
        (await ReadCountAsync(refusedRow.MemberId)).ShouldBe(beforeB + 1);
    }
}
