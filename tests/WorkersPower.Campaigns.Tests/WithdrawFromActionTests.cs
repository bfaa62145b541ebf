using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>withdrawFromAction's rules, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class WithdrawFromActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid(), Me = Guid.NewGuid();

    private static CampaignAction Action(DateTimeOffset? startsAt = null, params object[] more)
    {
        var starts = startsAt ?? Now.AddDays(1);
        return Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Picket, "Picket", starts, starts.AddHours(2), "Gate", null, null, Guid.Empty, Now.AddDays(-1)), .. more]);
    }

    private static readonly SignedUpForAction SignedUp = new(ActionId, CampaignId, Me, Now.AddHours(-1));

    private static Decision When(CampaignAction action) => new WithdrawFromAction(ActionId, Me).Decide(action, Now);

    [Fact]
    public void A_member_signed_up_withdraws()
    {
        When(Action(null, SignedUp)).Events.ShouldBe([new WithdrewFromAction(ActionId, CampaignId, Me, null, Now)]);
    }

    [Fact]
    public void Only_a_member_signed_up_withdraws_and_withdrawing_twice_is_refused()
    {
        When(Action()).Errors.Single().Message.ShouldBe("You are not signed up for this action.");
        When(Action(null, SignedUp, new WithdrewFromAction(ActionId, CampaignId, Me, null, Now))).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void Not_from_a_cancelled_or_started_action()
    {
        When(Action(null, SignedUp, new ActionCancelled(ActionId, CampaignId, "Rain", 1, Guid.Empty, Now))).Errors.Single().Message.ShouldBe("The action is cancelled.");
        When(Action(Now.AddMinutes(-1), SignedUp)).Errors.Single().Message.ShouldBe("The action has started.");
    }
}
