using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Members;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>signUpForAction's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class SignUpForActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid(), Me = Guid.NewGuid(), Organiser = Guid.NewGuid();

    private static ActionScheduled Scheduled(int? capacity = null, DateTimeOffset? startsAt = null) =>
        new(ActionId, CampaignId, ActionKind.Picket, "Picket", startsAt ?? Now.AddDays(1), (startsAt ?? Now.AddDays(1)).AddHours(2), "The gate", capacity, null, Organiser, Now.AddDays(-1));

    private static CampaignAction Action(params object[] events) => Given.Events<CampaignActionProjection, CampaignAction>(events);

    private static CampaignMember Member(MemberStanding standing = MemberStanding.Active, bool erased = false) =>
        new() { Id = Me, DisplayName = "Rosa", Standing = standing, Erased = erased };

    private static Decision When(CampaignAction action, CampaignMember? member = null) => new SignUpForAction(ActionId, Me).Decide(action, member ?? Member(), Now);

    [Fact]
    public void A_member_in_good_standing_signs_up_for_a_scheduled_action()
    {
        var decision = When(Action(Scheduled()));
        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBe([new SignedUpForAction(ActionId, CampaignId, Me, Now)]);
    }

    [Fact]
    public void Signing_up_twice_counts_once()
    {
        var decision = When(Action(Scheduled(), new SignedUpForAction(ActionId, CampaignId, Me, Now.AddHours(-1))));
        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_cancelled_or_started_action_refuses()
    {
        When(Action(Scheduled(), new ActionCancelled(ActionId, CampaignId, "Rain", 0, Organiser, Now))).Errors.Single().Message.ShouldBe("The action is cancelled.");
        When(Action(Scheduled(startsAt: Now))).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void Suspended_resigned_and_erased_members_are_refused_and_a_member_not_yet_known_is_let_through()
    {
        foreach (var member in new[] { Member(MemberStanding.Suspended), Member(MemberStanding.Resigned), Member(erased: true) })
            When(Action(Scheduled()), member).Errors.Single().Message.ShouldBe("Only members in good standing can sign up.");
        new SignUpForAction(ActionId, Me).Decide(Action(Scheduled()), null, Now).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void A_full_action_refuses_with_FULL_and_a_place_freed_by_a_withdrawal_can_be_taken()
    {
        var other = Guid.NewGuid();
        var full = Action(Scheduled(capacity: 1), new SignedUpForAction(ActionId, CampaignId, other, Now));
        When(full).Errors.Single().Code.ShouldBe("FULL");
        var freed = Action(Scheduled(capacity: 1), new SignedUpForAction(ActionId, CampaignId, other, Now), new WithdrewFromAction(ActionId, CampaignId, other, null, Now));
        When(freed).Events.Count.ShouldBe(1);
    }
}
