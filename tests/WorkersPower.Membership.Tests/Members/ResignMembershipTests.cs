using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>resignMembership's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class ResignMembershipTests
{
    private static Decision When(MemberProfile? member, string? reason = null, Actor? actor = null) =>
        new ResignMembership(Id, reason, actor ?? Self).Decide(member, Now);

    [Fact]
    public void A_member_resigns_with_or_without_a_reason() =>
        When(With(), "  Moving away  ").Events.ShouldBe([new MembershipResigned(Id, "Moving away", Self.AccountId, Now)]);

    [Fact]
    public void An_empty_reason_is_no_reason() =>
        When(With(), "  ").Events.ShouldBe([new MembershipResigned(Id, null, Self.AccountId, Now)]);

    [Fact]
    public void Only_the_member_resigns() => When(With(), actor: Admin).ShouldBeDenied();

    [Fact]
    public void Twice_is_refused() =>
        When(With(new MembershipResigned(Id, null, Self.AccountId, Now))).Refusal().Message.ShouldBe("You have resigned already.");

    [Fact]
    public void A_reason_over_1000_characters_is_refused() =>
        When(With(), new string('a', 1001)).Refusal().Field.ShouldBe(["input", "reason"]);

    [Fact]
    public void An_erased_or_unknown_member_is_not_found()
    {
        When(Erased).ShouldBeNotFound();
        When(null).ShouldBeNotFound();
    }
}
