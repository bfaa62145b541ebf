using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>The arrears warning's rule, Given events / When the warning comes / Then it is recorded or not: no database.</summary>
public sealed class WarnOfArrearsTests
{
    private static readonly WarnOfArrears Warn = new(Id);

    private static ContributionPaymentRecorded Paid(decimal amount) =>
        new(Id, Guid.NewGuid(), new Money(amount, "GBP"), DateOnly.FromDateTime(Now.UtcDateTime), null, "MANUAL", Guid.NewGuid(), Now);

    private static ArrearsWarningIssued Warned => new(Id, 2, new Money(20m, "GBP"), true, Now.AddDays(-20));

    [Fact]
    public void Two_months_in_arrears_warns_an_active_member_with_what_is_owed() =>
        Warn.Decide(JoinedMonthsAgo(2), mailOn: true, Now).Events.ShouldBe([new ArrearsWarningIssued(Id, 2, new Money(20m, "GBP"), true, Now)]);

    [Fact]
    public void With_mail_off_the_warning_is_recorded_as_not_mailed() =>
        Warn.Decide(JoinedMonthsAgo(2), mailOn: false, Now).Events.ShouldBe([new ArrearsWarningIssued(Id, 2, new Money(20m, "GBP"), false, Now)]);

    [Fact]
    public void Fewer_months_warn_of_nothing_and_three_are_for_the_lapse()
    {
        Warn.Decide(JoinedMonthsAgo(1), true, Now).Events.ShouldBeEmpty();
        Warn.Decide(JoinedMonthsAgo(3), true, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_member_is_warned_once_per_episode_even_after_a_payment_that_covers_no_whole_month()
    {
        Warn.Decide(JoinedMonthsAgo(2, Warned), true, Now).Events.ShouldBeEmpty();
        Warn.Decide(JoinedMonthsAgo(2, Warned, Paid(5m)), true, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_payment_that_covers_a_month_ends_the_episode_and_the_next_one_is_warned_again()
    {
        // joined three months ago, warned at two; paid one month, so two months in arrears again: a new episode
        var member = JoinedMonthsAgo(3, Warned, Paid(10m));
        member.Ledger.MonthsInArrears(DateOnly.FromDateTime(Now.UtcDateTime)).ShouldBe(2);
        Warn.Decide(member, true, Now).Events.ShouldBe([new ArrearsWarningIssued(Id, 2, new Money(20m, "GBP"), true, Now)]);
    }

    [Fact]
    public void Suspended_resigned_lapsed_and_erased_members_are_not_warned()
    {
        foreach (var standing in new object[] { new MembershipSuspended(Id, "x", Guid.NewGuid(), Now), new MembershipResigned(Id, null, Id, Now), new MembershipLapsed(Id, 3, Now), new MemberDataErased(Id, Guid.NewGuid(), Now) })
            Warn.Decide(JoinedMonthsAgo(2, standing), true, Now).Events.ShouldBeEmpty();
        Warn.Decide(null, true, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void The_warning_comes_due_two_months_after_the_payments_stop_covering_and_the_lapse_at_three()
    {
        var ledger = JoinedMonthsAgo(0).Ledger;
        var covered = ledger.CoveredUntil().ToDateTime(TimeOnly.MinValue);
        ledger.InArrearsAt(ContributionLedger.WarnAfterMonths).ShouldBe(new DateTimeOffset(covered.AddMonths(2), TimeSpan.Zero));
        ledger.LapsesAt().ShouldBe(new DateTimeOffset(covered.AddMonths(3), TimeSpan.Zero));
    }
}
