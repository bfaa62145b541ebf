using JasperFx.Events;
using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Tests.Asof;

/// <summary>The as-of fold (pure): a member's events and grants asked about the end of a day.</summary>
public sealed class MemberSnapshotFoldTests
{
    private static readonly Guid Member = Guid.NewGuid(), A = Guid.NewGuid(), B = Guid.NewGuid(), By = Guid.NewGuid();
    private static readonly SiteTimeZone London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    private static DateTimeOffset Utc(int month, int day, int hour = 12, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Rosa joined branch A on 10 March 2026 pledging 10 GBP a month.</summary>
    private static readonly MembershipStarted Joined = new(Member, Guid.NewGuid(), A, "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [],
        new Money(10, "GBP"), ContributionFrequency.Monthly, By, Utc(3, 10));

    private static IReadOnlyList<IEvent> Stream(params object[] data) =>
        data.Select((d, i) => (IEvent)new Event<object>(d) { Version = i + 1, Timestamp = Utc(11, 1), StreamId = Member }).ToList();

    private static MemberSnapshot On(int month, int day, IReadOnlyList<IEvent> events, params RoleGrant[] grants) =>
        MemberSnapshotFold.At(Member, events, grants, new DateOnly(2026, month, day), London.EndOf(new DateOnly(2026, month, day)));

    [Fact]
    public void Before_joining_the_snapshot_says_not_a_member_yet()
    {
        var snapshot = On(3, 9, Stream(Joined));
        snapshot.Joined.ShouldBeFalse();
        snapshot.Standing.ShouldBeNull();
        snapshot.Roles.ShouldBeEmpty();
        snapshot.Events.ShouldBeEmpty();
        On(3, 10, Stream(Joined)).Joined.ShouldBeTrue();
    }

    [Fact]
    public void Across_a_transfer_the_branch_is_the_one_of_that_day_in_london()
    {
        // 23:30 UTC on 14 July is 00:30 on 15 July in London (summer time)
        var events = Stream(Joined, new MemberTransferred(Member, A, B, By, Utc(7, 14, 23, 30)));
        On(7, 14, events).BranchId.ShouldBe(A);
        On(7, 15, events).BranchId.ShouldBe(B);
        On(7, 14, events).Events.Count.ShouldBe(1);
        On(7, 15, events).Events.Count.ShouldBe(2);
    }

    [Fact]
    public void Across_a_suspension_the_standing_and_the_member_role_follow()
    {
        var events = Stream(Joined, new MembershipSuspended(Member, "Why", By, Utc(4, 5)), new MembershipReinstated(Member, "Ok", By, Utc(4, 20)));
        On(4, 4, events).Standing.ShouldBe(MembershipStatus.Active);
        On(4, 4, events).Roles.ShouldBe([Roles.Member]);
        On(4, 10, events).Standing.ShouldBe(MembershipStatus.Suspended);
        On(4, 10, events).InGoodStanding.ShouldBeFalse();
        On(4, 10, events).Roles.ShouldBeEmpty();
        On(4, 20, events).Standing.ShouldBe(MembershipStatus.Active);
    }

    [Fact]
    public void A_payment_counts_by_the_day_it_was_paid_even_when_recorded_later()
    {
        // owed by the start of June: March, April, May; paid on 31 May, recorded on 20 June
        var paid = new ContributionPaymentRecorded(Member, Guid.NewGuid(), new Money(30, "GBP"), new DateOnly(2026, 5, 31), null, "MANUAL", By, Utc(6, 20));
        var events = Stream(Joined, paid);
        On(6, 10, events).MonthsInArrears.ShouldBe(0);
        On(6, 10, events).Arrears.ShouldBe(new Money(0, "GBP"));
        On(6, 10, events).Events.Count.ShouldBe(2);
        // the day before it was paid it does not count: March and April owed
        On(5, 30, events).MonthsInArrears.ShouldBe(2);
        On(5, 30, events).Arrears.ShouldBe(new Money(20, "GBP"));
        On(6, 10, Stream(Joined)).MonthsInArrears.ShouldBe(3);
    }

    [Fact]
    public void A_payment_recorded_before_the_day_but_paid_after_it_does_not_count()
    {
        var early = new ContributionPaymentRecorded(Member, Guid.NewGuid(), new Money(30, "GBP"), new DateOnly(2026, 6, 2), null, "MANUAL", By, Utc(6, 1));
        On(6, 1, Stream(Joined, early)).MonthsInArrears.ShouldBe(3);
    }

    [Fact]
    public void The_pledge_is_the_one_made_by_then()
    {
        var events = Stream(Joined, new ContributionPledged(Member, new Money(25, "GBP"), ContributionFrequency.Quarterly, Member, Utc(8, 1)));
        On(7, 31, events).Contribution.ShouldBe(new Money(10, "GBP"));
        On(8, 1, events).Contribution.ShouldBe(new Money(25, "GBP"));
        On(8, 1, events).ContributionFrequency.ShouldBe(ContributionFrequency.Quarterly);
    }

    [Fact]
    public void Roles_are_member_and_the_grants_active_at_the_end_of_the_day()
    {
        var organiser = new RoleGrant { Id = Guid.NewGuid(), MemberId = Member, Role = Roles.Organiser, Scope = GrantScope.OfBranch(A), From = Utc(5, 1), Until = Utc(5, 3, 9) };
        var treasurer = new RoleGrant { Id = Guid.NewGuid(), MemberId = Member, Role = Roles.Treasurer, Scope = GrantScope.Organisation, From = Utc(5, 2), RevokedAt = Utc(5, 10) };
        var events = Stream(Joined);
        On(5, 1, events, organiser, treasurer).Roles.ShouldBe([Roles.Member, Roles.Organiser]);
        On(5, 2, events, organiser, treasurer).Roles.ShouldBe([Roles.Member, Roles.Organiser, Roles.Treasurer]);
        On(5, 3, events, organiser, treasurer).Roles.ShouldBe([Roles.Member, Roles.Treasurer]);
        On(5, 10, events, organiser, treasurer).Roles.ShouldBe([Roles.Member]);
        On(5, 2, events, organiser, treasurer).Grants.Select(g => g.Id).ShouldBe([organiser.Id, treasurer.Id]);
    }

    [Fact]
    public void An_event_without_a_time_of_its_own_counts_when_it_was_stored()
    {
        MemberSnapshotFold.OccurredAt(new Event<object>(new UnsubscribedFromEmail(Member, UnsubscribeSource.Link, Utc(9, 1))) { Timestamp = Utc(9, 2) }).ShouldBe(Utc(9, 1));
        MemberSnapshotFold.OccurredAt(new Event<object>(new SomeLaterEvent(Member)) { Timestamp = Utc(9, 2) }).ShouldBe(Utc(9, 2));
        MemberSnapshotFold.OccurredAt(new Event<object>(Joined) { Timestamp = Utc(11, 1) }).ShouldBe(Utc(3, 10));
    }
}

/// <summary>An event the fold does not know (e.g. one added later) with no time the fold can read.</summary>
internal sealed record SomeLaterEvent(Guid MemberId);

/// <summary>The organisation's day (Site:TimeZone).</summary>
public sealed class SiteTimeZoneTests
{
    private static readonly SiteTimeZone London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    [Fact]
    public void A_day_in_london_ends_at_23_00_utc_in_summer_and_at_midnight_in_winter()
    {
        London.EndOf(new DateOnly(2026, 7, 14)).ShouldBe(new DateTimeOffset(2026, 7, 14, 23, 0, 0, TimeSpan.Zero).AddTicks(-1));
        London.EndOf(new DateOnly(2026, 1, 14)).ShouldBe(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
        London.StartOf(new DateOnly(2026, 7, 15)).ShouldBe(new DateTimeOffset(2026, 7, 14, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Half_past_eleven_utc_in_summer_is_the_next_day_in_london() =>
        London.DayOf(new DateTimeOffset(2026, 7, 14, 23, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 7, 15));

    [Fact]
    public void The_setting_defaults_to_london_and_refuses_an_unknown_zone()
    {
        var none = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        SiteTimeZone.From(none).Zone.Id.ShouldBe("Europe/London");
        var bad = new Microsoft.Extensions.Configuration.ConfigurationManager();
        bad[SiteTimeZone.Setting] = "Mars/Olympus";
        Should.Throw<InvalidOperationException>(() => SiteTimeZone.From(bad)).Message.ShouldContain("Site:TimeZone");
    }
}
