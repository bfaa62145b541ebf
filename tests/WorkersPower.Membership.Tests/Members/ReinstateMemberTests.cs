using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>reinstateMember's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class ReinstateMemberTests
{
    private static readonly MembershipSuspended Suspended = new(Id, "Broke the rules", Guid.NewGuid(), Now.AddDays(-3));

    private static Decision When(MemberProfile? member, Actor? actor = null, string reason = "Apologised") =>
        new ReinstateMember(Id, reason, actor ?? Organiser).Decide(member, Now);

    [Fact]
    public void The_branch_organiser_reinstates_a_suspended_member() =>
        When(With(Suspended)).Events.ShouldBe([new MembershipReinstated(Id, "Apologised", Organiser.AccountId, Now)]);

    [Fact]
    public void Only_a_suspended_member_can_be_reinstated() =>
        When(With()).Refusal().Message.ShouldBe("Only a suspended member can be reinstated.");

    [Fact]
    public void Organisers_of_another_branch_may_not() => When(With(Suspended), OrganiserElsewhere).ShouldBeDenied();

    [Fact]
    public void A_reason_is_required_and_at_most_1000_characters()
    {
        When(With(Suspended), reason: "").Refusal().Field.ShouldBe(["input", "reason"]);
        When(With(Suspended), reason: new string('a', 1001)).Refusal().Code.ShouldBe(ErrorCodes.Validation);
    }
}
