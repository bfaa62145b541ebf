using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>scheduleAction's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class ScheduleActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CampaignId = Guid.NewGuid(), ActionId = Guid.NewGuid(), Launcher = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(CampaignId);

    private static Campaign Campaign(params object[] more) =>
        Given.Events<CampaignProjection, Campaign>([new CampaignLaunched(CampaignId, "depots", "Depots", "Why.", null, Guid.NewGuid(), Launcher, Now.AddDays(-9)), .. more]);

    private static ScheduleAction Schedule(DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, string? title = "Picket", string location = " The gate ",
        int? capacity = null, Caller? by = null)
    {
        var starts = startsAt ?? Now.AddDays(1);
        return new ScheduleAction(CampaignId, ActionKind.Picket, title, starts, endsAt ?? starts.AddHours(2), location, capacity, null, by ?? Organiser);
    }

    [Fact]
    public void An_action_is_scheduled_and_its_scheduler_joins_the_campaigns_organisers()
    {
        var decision = Schedule(capacity: 10).Decide(Campaign(), ActionId, Now);
        decision.Events.ShouldBe([
            new CampaignOrganiserJoined(CampaignId, Organiser.MemberId!.Value, Now),
            new ActionScheduled(ActionId, CampaignId, ActionKind.Picket, "Picket", Now.AddDays(1), Now.AddDays(1).AddHours(2), "The gate", 10, null, Organiser.AccountId, Now),
        ]);
    }

    [Fact]
    public void An_organiser_already_of_the_campaign_or_an_account_without_a_member_record_joins_no_one()
    {
        var launcher = Organiser with { MemberId = Launcher };
        Schedule(by: launcher).Decide(Campaign(), ActionId, Now).Events.Single().ShouldBeOfType<ActionScheduled>();
        Schedule(by: new Caller(Guid.NewGuid(), null, [Roles.Admin])).Decide(Campaign(), ActionId, Now).Events.Single().ShouldBeOfType<ActionScheduled>();
    }

    [Fact]
    public void Without_a_title_the_kind_and_campaign_make_one()
    {
        Schedule(title: "  ").Decide(Campaign(), ActionId, Now).Events.OfType<ActionScheduled>().Single().Title.ShouldBe("Picket for Depots");
    }

    [Fact]
    public void Times_place_and_capacity_are_checked_before_the_campaign()
    {
        var errors = Schedule(startsAt: Now.AddHours(-1), endsAt: Now.AddHours(-2), location: " ", capacity: 0).Decide(null, ActionId, Now).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.startsAt", "input.endsAt", "input.location", "input.capacity"]);
        Schedule(endsAt: Now.AddDays(16)).Decide(Campaign(), ActionId, Now).Errors.Single().Message.ShouldBe("An action lasts at most 14 days.");
        Schedule(title: new string('t', 201)).Decide(Campaign(), ActionId, Now).Errors.Single().Field.ShouldBe(["input", "title"]);
        Schedule(capacity: ScheduleAction.MaxCapacity + 1).Decide(Campaign(), ActionId, Now).Errors.Single().Field.ShouldBe(["input", "capacity"]);
    }

    [Fact]
    public void An_unknown_or_concluded_campaign_refuses()
    {
        Schedule().Decide(null, ActionId, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
        var concluded = Schedule().Decide(Campaign(new CampaignConcluded(CampaignId, Guid.Empty, Now.AddDays(-1))), ActionId, Now).Errors.Single();
        (concluded.Code, concluded.Message).ShouldBe((ErrorCodes.InvalidState, "The campaign is concluded: reopen it first."));
    }

    [Fact]
    public void Only_the_campaigns_organisers_and_admins_schedule_its_actions()
    {
        Schedule(by: Runners.Admin()).Decide(Campaign(), ActionId, Now).Accepted.ShouldBeTrue();
        Schedule(by: Runners.OrganiserOf(Guid.NewGuid())).Decide(Campaign(), ActionId, Now).Forbidden.ShouldNotBeNull(); // another campaign's organiser
        Schedule(by: Runners.BranchOrganiser(Guid.NewGuid())).Decide(Campaign(), ActionId, Now).Forbidden.ShouldNotBeNull(); // once, any organiser could
        Schedule(by: Runners.OrganiserEverywhere()).Decide(Campaign(), ActionId, Now).Forbidden.ShouldNotBeNull();
        // the launcher, listed among those who ran it, whose grant ended
        Schedule(by: new Caller(Guid.NewGuid(), Launcher, [Roles.Organiser])).Decide(Campaign(), ActionId, Now).Forbidden.ShouldNotBeNull();
        // refused before the input is looked at
        Schedule(startsAt: Now.AddHours(-1), by: Runners.OrganiserOf(Guid.NewGuid())).Decide(Campaign(), ActionId, Now).Forbidden.ShouldNotBeNull();
    }
}
