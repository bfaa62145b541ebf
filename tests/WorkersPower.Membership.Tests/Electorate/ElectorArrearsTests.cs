using JasperFx.Events;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Electorate;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Tests.Electorate;

/// <summary>The electorate's rules (pure): arrears from a ledger's pledges and payments, a member's standing at an instant.</summary>
public sealed class ElectorArrearsTests
{
    private static readonly Guid Member = Guid.NewGuid(), A = Guid.NewGuid(), B = Guid.NewGuid(), By = Guid.NewGuid();

    private static DateTimeOffset Utc(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static LedgerPledge Pledge(decimal amount, ContributionFrequency frequency, DateTimeOffset at) => new(at, new Money(amount, "GBP"), frequency);

    private static IReadOnlyList<IEvent> Stream(params object[] data) =>
        data.Select((d, i) => (IEvent)new Event<object>(d) { Version = i + 1, Timestamp = Utc(11, 1), StreamId = Member }).ToList();

    private static readonly MembershipStarted Joined = new(Member, Guid.NewGuid(), A, "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [],
        new Money(10, "GBP"), ContributionFrequency.Monthly, By, Utc(3, 10));

    [Theory]
    [InlineData(0, 6, 15, 3)]   // March, April, May unpaid on 15 June
    [InlineData(20, 6, 15, 1)]  // March and April paid
    [InlineData(30, 6, 15, 0)]
    [InlineData(25, 6, 15, 1)]  // a month paid in part counts as unpaid
    [InlineData(0, 3, 31, 0)]   // March is due once it has ended
    public void Months_in_arrears_follow_the_ledger(decimal paid, int month, int day, int expected) =>
        ElectorArrears.MonthsInArrears([Pledge(10, ContributionFrequency.Monthly, Utc(3, 10))], paid, new DateOnly(2026, month, day)).ShouldBe(expected);

    [Fact]
    public void A_later_pledge_keeps_what_the_earlier_one_owed()
    {
        // 10 a month for March and April (20 owed), then 2 a month from May: 20 paid covers to May, so 1 month (May) on 15 June
        ElectorArrears.MonthsInArrears([Pledge(10, ContributionFrequency.Monthly, Utc(3, 10)), Pledge(2, ContributionFrequency.Monthly, Utc(5, 2))], 20, new DateOnly(2026, 6, 15))
            .ShouldBe(1);
        // a yearly pledge paid a year ahead covers twelve months
        ElectorArrears.MonthsInArrears([Pledge(120, ContributionFrequency.Yearly, Utc(3, 10))], 120, new DateOnly(2027, 2, 15)).ShouldBe(0);
        ElectorArrears.MonthsInArrears([Pledge(120, ContributionFrequency.Yearly, Utc(3, 10))], 120, new DateOnly(2027, 5, 15)).ShouldBe(2);
        ElectorArrears.MonthsInArrears([], 0, new DateOnly(2027, 5, 15)).ShouldBe(0);
    }

    [Fact]
    public void The_standing_at_an_instant_is_the_as_of_snapshots_and_null_before_joining_or_for_an_erased_member()
    {
        var events = Stream(Joined, new MembershipSuspended(Member, "Why", By, Utc(4, 5)), new MemberTransferred(Member, A, B, By, Utc(5, 1)),
            new ContributionPaymentRecorded(Member, Guid.NewGuid(), new Money(10, "GBP"), new DateOnly(2026, 4, 1), null, "MANUAL", By, Utc(6, 1)));
        ElectorArrears.StandingOf(Member, events, Utc(3, 10, 11), new DateOnly(2026, 3, 10)).ShouldBeNull();
        ElectorArrears.StandingOf(Member, events, Utc(4, 1), new DateOnly(2026, 4, 1)).ShouldBe(new ElectorStanding(Member, A, true, 0));
        // on 15 May: suspended, in B, March paid (on 1 April, recorded in June): April unpaid
        ElectorArrears.StandingOf(Member, events, Utc(5, 15), new DateOnly(2026, 5, 15)).ShouldBe(new ElectorStanding(Member, B, false, 1));
        ElectorArrears.StandingOf(Member, [.. events, .. Stream(new MemberDataErased(Member, By, Utc(9, 1)))], Utc(5, 15), new DateOnly(2026, 5, 15)).ShouldBeNull();
    }
}
