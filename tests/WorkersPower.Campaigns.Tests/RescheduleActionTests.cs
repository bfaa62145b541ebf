using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>rescheduleAction's rules, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class RescheduleActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(CampaignId);

    private static CampaignAction Action(DateTimeOffset? startsAt = null, params object[] more)
    {
        var starts = startsAt ?? Now.AddDays(1);
        return Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Meeting, "Meeting", starts, starts.AddHours(2), "Hall", null, null, Organiser.AccountId, Now.AddDays(-1)), .. more]);
    }

    private static RescheduleAction Move(string? location = null, int inDays = 2, int hours = 3) =>
        new(ActionId, Now.AddDays(inDays), Now.AddDays(inDays).AddHours(hours), location, Organiser);

    [Fact]
    public void An_action_moves_and_keeps_its_place_unless_a_new_one_is_given()
    {
        Move().Decide(Action(), Now).Events.ShouldBe([new ActionRescheduled(ActionId, CampaignId, Now.AddDays(2), Now.AddDays(2).AddHours(3), "Hall", Organiser.AccountId, Now)]);
        ((ActionRescheduled)Move(location: " New hall ").Decide(Action(), Now).Events.Single()).Location.ShouldBe("New hall");
    }

    [Fact]
    public void Times_and_place_are_checked_before_the_action()
    {
        Move(hours: -1).Decide(null, Now).Errors.Single().Field.ShouldBe(["input", "endsAt"]);
        Move(inDays: -1).Decide(Action(), Now).Errors.Single().Field.ShouldBe(["input", "startsAt"]);
        Move(location: "Two\nlines").Decide(Action(), Now).Errors.Single().Field.ShouldBe(["input", "location"]);
        Move().Decide(null, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public void A_cancelled_or_started_action_does_not_move()
    {
        Move().Decide(Action(null, new ActionCancelled(ActionId, CampaignId, "Rain", 0, Guid.Empty, Now)), Now).Errors.Single().Message.ShouldBe("The action is cancelled.");
        Move().Decide(Action(Now), Now).Errors.Single().Message.ShouldBe("The action has started already.");
    }

    [Fact]
    public void Only_the_campaigns_organisers_and_admins_move_its_actions()
    {
        new RescheduleAction(ActionId, Now.AddDays(2), Now.AddDays(2).AddHours(1), null, Runners.Admin()).Decide(Action(), Now).Accepted.ShouldBeTrue();
        new RescheduleAction(ActionId, Now.AddDays(2), Now.AddDays(2).AddHours(1), null, Runners.OrganiserOf(Guid.NewGuid())).Decide(Action(), Now).Forbidden.ShouldNotBeNull();
        new RescheduleAction(ActionId, Now.AddDays(2), Now.AddDays(2).AddHours(1), null, Runners.BranchOrganiser(Guid.NewGuid())).Decide(Action(), Now).Forbidden.ShouldNotBeNull();
    }
}
