using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Importing bank exports, and the contract messages other modules rely on.</summary>
public sealed class ImportAndContractsTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string Import = """
        mutation($input: ImportContributionPaymentsInput!) {
          importContributionPayments(input: $input) { applied matched skipped refused rows { line status message memberId amount { amount } } errors { code message field } }
        }
        """;

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> PaymentCountAsync(MemberApi.Person member) =>
        (await fixture.Client.DataAsync("{ me { contributionPayments { totalCount } } }", token: member.Token))["me"]!["contributionPayments"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task A_clean_file_is_recorded_whole_and_importing_it_again_skips_every_row()
    {
        var branch = await fixture.BranchAsync();
        var a = await MemberApi.JoinAsync(fixture, branch);
        var b = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        var csv = $"Date,Reference,Amount,Member\n{Today},SO-1,12.50,{a.Email.ToUpperInvariant()}\n{Today},\"SO, 2\",£5.00,{b.MemberId}\n{Today},SO-3,7.50,{a.Email}\n";

        var dry = await fixture.Client.PostAsync(Import, new { input = new { csv, dryRun = true } }, treasurer.Token);
        dry["importContributionPayments.applied"]!.GetValue<bool>().ShouldBeFalse();
        dry["importContributionPayments.matched"]!.GetValue<int>().ShouldBe(3);
        (await PaymentCountAsync(a)).ShouldBe(0);

        var first = await fixture.Client.PostAsync(Import, new { input = new { csv } }, treasurer.Token);
        first.UserErrors("importContributionPayments").ShouldBeEmpty();
        first["importContributionPayments.applied"]!.GetValue<bool>().ShouldBeTrue();
        first["importContributionPayments.matched"]!.GetValue<int>().ShouldBe(3);
        (await PaymentCountAsync(a)).ShouldBe(2);
        (await PaymentCountAsync(b)).ShouldBe(1);

        var again = await fixture.Client.PostAsync(Import, new { input = new { csv } }, treasurer.Token);
        again["importContributionPayments.skipped"]!.GetValue<int>().ShouldBe(3);
        again["importContributionPayments.applied"]!.GetValue<bool>().ShouldBeFalse();
        (await PaymentCountAsync(a)).ShouldBe(2);
    }

    [Fact]
    public async Task A_file_with_a_refused_row_records_nothing_and_says_which_rows_failed()
    {
        var branch = await fixture.BranchAsync();
        var a = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        var csv = $"date,amount,member,reference\n{Today},10,{a.Email},OK-1\nyesterday,10,{a.Email},BAD-DATE\n{Today},ten,{a.Email},BAD-AMOUNT\n{Today},10,nobody@example.org,UNKNOWN\n{Today},10,{a.Email},\n{Today},10,{a.Email},\n";
        var response = await fixture.Client.PostAsync(Import, new { input = new { csv } }, treasurer.Token);
        response["importContributionPayments.applied"]!.GetValue<bool>().ShouldBeFalse();
        var rows = response["importContributionPayments.rows"]!.AsArray();
        rows.Select(r => (r!["line"]!.GetValue<int>(), r["status"]!.GetValue<string>())).ShouldBe(
            [(2, "MATCHED"), (3, "REFUSED"), (4, "REFUSED"), (5, "REFUSED"), (6, "MATCHED"), (7, "SKIPPED")]);
        (await PaymentCountAsync(a)).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_without_the_needed_columns_is_a_validation_error()
    {
        var treasurer = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "TREASURER");
        var response = await fixture.Client.PostAsync(Import, new { input = new { csv = "when,how much\n2026-01-01,5\n" } }, treasurer.Token);
        var error = response.UserErrors("importContributionPayments").Single();
        error.Field.ShouldBe("input.csv");
        error.Message.ShouldContain("member");
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        (await fixture.Client.PostAsync(Import, new { input = new { csv = "date,amount,member\n" } }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Standing_changes_transfers_renames_and_erasures_are_published_for_other_modules()
    {
        var admin = await fixture.AdminTokenAsync();
        var (a, b) = (await MembershipApi.CreateBranchAsync(fixture.Client, admin), await MembershipApi.CreateBranchAsync(fixture.Client, admin));
        var member = await MemberApi.JoinAsync(fixture, a);
        var id = GlobalId.TryDecode(member.MemberId, "Member")!.Value;

        await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { familyName = "Luxemburg" }, member.Token);
        (await MembershipContractsProbeHandler.WaitForAsync<MemberRenamed>(m => m.MemberId == id)).DisplayName.ShouldBe("Rosa Luxemburg");

        await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = member.MemberId, branchId = b }, admin);
        (await MembershipContractsProbeHandler.WaitForAsync<MemberTransferredBranch>(m => m.MemberId == id)).ToBranchId.ShouldBe(GlobalId.TryDecode(b, "Branch")!.Value);

        await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = member.MemberId, reason = "Test" }, admin);
        await MembershipContractsProbeHandler.WaitForAsync<MemberStandingChanged>(m => m.MemberId == id && m.Standing == MemberStanding.Suspended);

        await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = member.MemberId } }, admin);
        await MembershipContractsProbeHandler.WaitForAsync<MemberErased>(m => m.MemberId == id);
    }
}
