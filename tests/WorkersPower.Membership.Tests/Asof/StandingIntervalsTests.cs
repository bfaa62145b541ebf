using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Members.MembershipStatus;

namespace WorkersPower.Membership.Tests.Asof;

/// <summary>The standing intervals' rules (pure): which events open and close an interval, and what the next one holds.</summary>
public sealed class StandingIntervalsTests
{
    private static readonly Guid Member = Guid.NewGuid(), A = Guid.NewGuid(), B = Guid.NewGuid(), By = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private static MembershipStarted Joined(DateTimeOffset at, Guid? branch = null) =>
        new(Member, Guid.NewGuid(), branch ?? A, "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [], new Money(10, "GBP"), ContributionFrequency.Monthly, By, at);

    private static DateTimeOffset Day(int days) => T0.AddDays(days);

    [Fact]
    public void Joining_opens_an_active_interval_in_the_branch() =>
        StandingIntervals.Of(Member, [Joined(T0)]).ShouldBe([new StandingInterval(Member, A, Active, T0)]);

    [Fact]
    public void A_transfer_closes_the_interval_and_keeps_the_standing_in_the_new_branch()
    {
        var intervals = StandingIntervals.Of(Member, [Joined(T0), new MembershipSuspended(Member, "Why", By, Day(5)), new MemberTransferred(Member, A, B, By, Day(9))]);
        intervals.ShouldBe([
            new StandingInterval(Member, A, Active, T0, Day(5)),
            new StandingInterval(Member, A, Suspended, Day(5), Day(9)),
            new StandingInterval(Member, B, Suspended, Day(9)),
        ]);
    }

    [Fact]
    public void Suspension_lapse_and_resignation_keep_the_branch_and_change_the_standing()
    {
        var intervals = StandingIntervals.Of(Member, [
            Joined(T0), new MembershipSuspended(Member, "Why", By, Day(1)), new MembershipReinstated(Member, "Ok", By, Day(2)),
            new MembershipLapsed(Member, 3, Day(3)), new MembershipRestored(Member, By, Day(4)), new MembershipResigned(Member, null, Member, Day(5)),
        ]);
        intervals.Select(i => (i.BranchId, i.Standing)).ShouldBe([(A, Active), (A, Suspended), (A, Active), (A, Lapsed), (A, Active), (A, Resigned)]);
        intervals[^1].To.ShouldBeNull();
        intervals.SkipLast(1).Select(i => i.To).ShouldBe([Day(1), Day(2), Day(3), Day(4), Day(5)]);
    }

    [Fact]
    public void Rejoining_opens_an_active_interval_in_the_branch_joined()
    {
        var renewed = new MembershipRenewed(Member, Guid.NewGuid(), B, "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", new Money(10, "GBP"), ContributionFrequency.Monthly, By, Day(30));
        StandingIntervals.Of(Member, [Joined(T0), new MembershipResigned(Member, null, Member, Day(10)), renewed])[^1]
            .ShouldBe(new StandingInterval(Member, B, Active, Day(30)));
    }

    [Fact]
    public void An_erasure_ends_the_open_interval_and_opens_none_while_the_earlier_ones_stay()
    {
        var intervals = StandingIntervals.Of(Member, [Joined(T0), new MemberTransferred(Member, A, B, By, Day(3)), new MemberDataErased(Member, By, Day(7))]);
        intervals.ShouldBe([new StandingInterval(Member, A, Active, T0, Day(3)), new StandingInterval(Member, B, Active, Day(3), Day(7))]);
    }

    [Fact]
    public void Other_events_change_nothing() =>
        StandingIntervals.Of(Member, [Joined(T0), new AccountActivated(Member, Day(1)), new ContributionPledged(Member, new Money(5, "GBP"), ContributionFrequency.Monthly, By, Day(2))])
            .ShouldHaveSingleItem().To.ShouldBeNull();

    [Fact]
    public void A_change_dated_before_the_open_interval_began_starts_the_next_where_that_one_began()
    {
        var intervals = StandingIntervals.Of(Member, [Joined(T0), new MembershipSuspended(Member, "Why", By, T0.AddHours(-1))]);
        intervals.ShouldBe([new StandingInterval(Member, A, Active, T0, T0), new StandingInterval(Member, A, Suspended, T0)]);
    }

    [Fact]
    public void An_interval_covers_its_start_and_not_its_end()
    {
        var interval = new StandingInterval(Member, A, Active, T0, Day(1));
        interval.Covers(T0).ShouldBeTrue();
        interval.Covers(Day(1).AddTicks(-1)).ShouldBeTrue();
        interval.Covers(Day(1)).ShouldBeFalse();
        interval.Covers(T0.AddTicks(-1)).ShouldBeFalse();
        (interval with { To = null }).Covers(Day(1000)).ShouldBeTrue();
    }

    [Fact]
    public void The_branches_of_a_day_are_those_of_every_interval_overlapping_it()
    {
        var intervals = StandingIntervals.Of(Member, [Joined(T0), new MemberTransferred(Member, A, B, By, Day(3).AddHours(5))]);
        AsOfReads.BranchesDuring(intervals, Day(3), Day(4).AddTicks(-1)).ShouldBe([A, B]);
        AsOfReads.BranchesDuring(intervals, Day(4), Day(5)).ShouldBe([B]);
        AsOfReads.BranchesDuring(intervals, T0.AddDays(-2), T0.AddTicks(-1)).ShouldBeEmpty();
    }
}
