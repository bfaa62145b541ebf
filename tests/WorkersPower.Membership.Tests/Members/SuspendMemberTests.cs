using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>suspendMember's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class SuspendMemberTests
{
    private static Decision When(MemberProfile? member, Actor? actor = null, string reason = " Broke the rules ") =>
        new SuspendMember(Id, reason, actor ?? Organiser).Decide(member, Now);

    [Fact]
    public void The_branch_organiser_suspends_an_active_member_with_a_reason() =>
        When(With()).Events.ShouldBe([new MembershipSuspended(Id, "Broke the rules", Organiser.AccountId, Now)]);

    [Fact]
    public void An_admin_suspends_anyone_and_a_lapsed_member_can_be_suspended() =>
        When(JoinedMonthsAgo(4, new MembershipLapsed(Id, 3, Now)), Admin).Events.Count.ShouldBe(1);

    [Fact]
    public void Organisers_of_another_branch_treasurers_and_the_member_may_not()
    {
        foreach (var actor in new[] { OrganiserElsewhere, Treasurer, Self, Organiser with { Grants = [] } })
            When(With(), actor).ShouldBeDenied();
    }

    [Fact]
    public void A_reason_is_required() => When(With(), reason: " ").Refusal().Field.ShouldBe(["input", "reason"]);

    [Fact]
    public void Suspended_and_resigned_members_are_refused()
    {
        When(With(new MembershipSuspended(Id, "x", Organiser.AccountId, Now))).Refusal().Message
            .ShouldBe("Only active or lapsed members can be suspended; this member is suspended.");
        When(With(new MembershipResigned(Id, null, Self.AccountId, Now))).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void An_erased_member_is_not_found() => When(Erased).ShouldBeNotFound();
}
