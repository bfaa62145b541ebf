using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>cancelAction's rules, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class CancelActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(CampaignId);

    private static CampaignAction Action(DateTimeOffset startsAt, params object[] more) =>
        Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Stall, "Stall", startsAt, startsAt.AddHours(2), "Market", null, null, Organiser.AccountId, Now.AddDays(-1)), .. more]);

    [Fact]
    public void An_action_is_cancelled_with_its_sign_ups_counted_out_even_while_it_runs()
    {
        var signedUp = Action(Now.AddDays(1), new SignedUpForAction(ActionId, CampaignId, Guid.NewGuid(), Now), new SignedUpForAction(ActionId, CampaignId, Guid.NewGuid(), Now));
        new CancelAction(ActionId, " Rain ", Organiser).Decide(signedUp, Now).Events.ShouldBe([new ActionCancelled(ActionId, CampaignId, "Rain", 2, Organiser.AccountId, Now)]);
        new CancelAction(ActionId, "Rain", Organiser).Decide(Action(Now.AddHours(-1)), Now).Accepted.ShouldBeTrue(); // started, not over
    }

    [Fact]
    public void A_reason_is_required_before_the_action_is_looked_at()
    {
        new CancelAction(ActionId, " ", Organiser).Decide(null, Now).Errors.Single().Field.ShouldBe(["input", "reason"]);
        new CancelAction(ActionId, new string('r', 1001), Organiser).Decide(Action(Now.AddDays(1)), Now).Errors.Single().Field.ShouldBe(["input", "reason"]);
        new CancelAction(ActionId, "Rain", Organiser).Decide(null, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public void A_cancelled_or_finished_action_is_not_cancelled()
    {
        new CancelAction(ActionId, "Rain", Organiser).Decide(Action(Now.AddDays(1), new ActionCancelled(ActionId, CampaignId, "Snow", 0, Guid.Empty, Now)), Now)
            .Errors.Single().Message.ShouldBe("The action is cancelled already.");
        new CancelAction(ActionId, "Rain", Organiser).Decide(Action(Now.AddHours(-2)), Now).Errors.Single().Message.ShouldBe("The action is over.");
    }

    [Fact]
    public void Only_the_campaigns_organisers_and_admins_cancel_its_actions()
    {
        new CancelAction(ActionId, "Rain", Runners.Admin()).Decide(Action(Now.AddDays(1)), Now).Accepted.ShouldBeTrue();
        new CancelAction(ActionId, "Rain", Runners.OrganiserOf(Guid.NewGuid())).Decide(Action(Now.AddDays(1)), Now).Forbidden.ShouldNotBeNull();
        new CancelAction(ActionId, "Rain", Runners.BranchOrganiser(Guid.NewGuid())).Decide(Action(Now.AddDays(1)), Now).Forbidden.ShouldNotBeNull();
        new CancelAction(ActionId, "Rain", Organiser with { Grants = [] }).Decide(Action(Now.AddDays(1)), Now).Forbidden.ShouldNotBeNull();
    }
}
