using WorkersPower.Membership.Members;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>The arrears check's rule, Given events / When the check comes / Then the member lapses or not: no database.</summary>
public sealed class CheckArrearsTests
{
    private static readonly CheckArrears Check = new(Id);

    [Fact]
    public void Three_months_in_arrears_lapses_an_active_member() =>
        Check.Decide(JoinedMonthsAgo(3), Now).Events.ShouldBe([new MembershipLapsed(Id, 3, Now)]);

    [Fact]
    public void Fewer_months_change_nothing() => Check.Decide(JoinedMonthsAgo(2), Now).Events.ShouldBeEmpty();

    [Fact]
    public void Suspended_resigned_lapsed_and_erased_members_are_left_alone()
    {
        foreach (var standing in new object[] { new MembershipSuspended(Id, "x", Guid.NewGuid(), Now), new MembershipResigned(Id, null, Id, Now), new MembershipLapsed(Id, 3, Now), new MemberDataErased(Id, Guid.NewGuid(), Now) })
            Check.Decide(JoinedMonthsAgo(5, standing), Now).Events.ShouldBeEmpty();
        Check.Decide(null, Now).Events.ShouldBeEmpty();
    }
}
