using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>importContributionPayments' rules: reading the file, matching its rows, deciding what is recorded; no database.</summary>
public sealed class ImportContributionPaymentsTests
{
    private static ImportContributionPayments Import(string csv, bool dryRun = false, Actor? actor = null) => new(csv, dryRun, actor ?? Treasurer);

    private static IReadOnlyList<PaymentLine> Lines(string csv)
    {
        var (lines, problem) = Import(csv).Read();
        problem.ShouldBeNull();
        return lines;
    }

    private static IReadOnlyList<ImportRow> Match(string csv, MemberProfile? member = null) =>
        ImportContributionPayments.Match(Lines(csv), cell => cell == "rosa@example.org" || cell == Id.ToString() ? member ?? With() : null, Now);

    [Fact]
    public void Treasurers_and_admins_import()
    {
        Import("", actor: Treasurer).Allowed.ShouldBeTrue();
        Import("", actor: Admin).Allowed.ShouldBeTrue();
        Import("", actor: Organiser).Allowed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("date,amount,member", "The file has no rows under its header.")]
    [InlineData("date,amount,reference\n2026-11-01,10,x", "The header lacks the column(s): member.")]
    [InlineData("date,amount,member\n\"2026-11-01,10,x", "A quoted field is not closed.")]
    public void A_file_that_cannot_be_read_is_a_validation_error_of_the_csv(string csv, string message)
    {
        var (_, problem) = Import(csv).Read();
        problem!.Message.ShouldBe(message);
        problem.Field.ShouldBe(["input", "csv"]);
    }

    [Fact]
    public void At_most_5000_rows() =>
        Import("date,amount,member\n" + string.Concat(Enumerable.Repeat("2026-11-01,10,x\n", 5001))).Read().Problem!.Message.ShouldBe("At most 5000 rows per import.");

    [Fact]
    public void Columns_in_any_order_and_case_with_optional_reference_and_currency_are_read() =>
        Lines("Member,REFERENCE,Amount,Date\r\nrosa@example.org,\"BANK, 1\",£10.00,01/11/2026\n").ShouldBe([new PaymentLine(2, "01/11/2026", "£10.00", "rosa@example.org", "BANK, 1", "")]);

    [Fact]
    public void Rows_match_members_by_email_or_id_and_say_why_not()
    {
        var rows = Match($"""
            date,amount,member,currency
            2026-11-01,10,rosa@example.org,
            someday,10,rosa@example.org,
            2026-11-01,ten,rosa@example.org,
            2026-11-01,10,nobody@example.org,
            2026-11-01,10,{Id},EUR
            2026-11-01,10,{Id},
            """);
        rows.Select(r => (r.Line, r.Status)).ShouldBe([
            (2, ImportRowStatus.Matched), (3, ImportRowStatus.Refused), (4, ImportRowStatus.Refused), (5, ImportRowStatus.Refused),
            (6, ImportRowStatus.Refused), (7, ImportRowStatus.Skipped)]);
        rows[1].Message.ShouldBe("'someday' is not a date (yyyy-mm-dd or dd/mm/yyyy).");
        rows[2].Message.ShouldBe("'ten' is not an amount.");
        rows[3].Message.ShouldBe("No member has this email or id.");
        rows[4].Message.ShouldBe("The member pledges in GBP; record the payment in that currency.");
        rows[5].Message.ShouldBe("The same payment appears earlier in the file.");
    }

    [Fact]
    public void An_erased_member_matches_no_row() =>
        Match("date,amount,member\n2026-11-01,10,rosa@example.org", Erased).Single().MemberId.ShouldBeNull();

    [Fact]
    public void Matched_rows_are_to_be_recorded_and_rows_recorded_before_are_skipped()
    {
        var rows = Match("date,amount,member,reference\n2026-11-01,10,rosa@example.org,A\n2026-11-02,10,rosa@example.org,B");
        var report = Import("").Decide(rows, new HashSet<string> { rows[0].Key });
        report.Applied.ShouldBeTrue();
        (report.Matched, report.Skipped, report.Refused).ShouldBe((1, 1, 0));
        report.Rows[0].Message.ShouldBe("Recorded already.");
    }

    [Fact]
    public void A_refused_row_or_a_dry_run_records_nothing()
    {
        var rows = Match("date,amount,member\n2026-11-01,10,rosa@example.org\n2026-11-01,10,nobody@example.org");
        Import("").Decide(rows, new HashSet<string>()).Applied.ShouldBeFalse();
        Import("", dryRun: true).Decide([rows[0]], new HashSet<string>()).Applied.ShouldBeFalse();
        Import("").Decide([rows[0]], new HashSet<string>()).Applied.ShouldBeTrue();
    }

    [Fact]
    public void Payments_in_a_row_restore_a_lapsed_member_once_paid_up()
    {
        var lapsed = JoinedMonthsAgo(4, new MembershipLapsed(Id, 3, Now));
        var events = ContributionPayment.Pay(lapsed, [(new Money(20m, "GBP"), new DateOnly(2026, 11, 1), "A"), (new Money(20m, "GBP"), new DateOnly(2026, 11, 2), null)],
            ContributionPayment.ImportSource, Treasurer.AccountId, Now);
        events.Select(e => e.GetType().Name).ShouldBe([nameof(ContributionPaymentRecorded), nameof(ContributionPaymentRecorded), nameof(MembershipRestored)]);
    }
}
