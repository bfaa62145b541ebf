using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>recordActionOutcome's rules, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class RecordActionOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(CampaignId);

    private static CampaignAction Action(DateTimeOffset startsAt, params object[] more) =>
        Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Leafleting, "Leafleting", startsAt, startsAt.AddHours(2), "Station", null, null, Organiser.AccountId, Now.AddDays(-1)), .. more]);

    private static RecordActionOutcome Report(string summary = "Good turnout.", params OutcomeCount[] counts) => new(ActionId, summary, counts, Organiser);

    [Fact]
    public void The_outcome_of_a_started_action_is_recorded_trimmed()
    {
        var recorded = (ActionOutcomeRecorded)Report(" Good turnout. ", new OutcomeCount(" leaflets ", 500), new OutcomeCount("papers sold", 0)).Decide(Action(Now.AddHours(-3)), Now).Events.Single();
        (recorded.ActionId, recorded.CampaignId, recorded.Summary, recorded.By, recorded.At).ShouldBe((ActionId, CampaignId, "Good turnout.", Organiser.AccountId, Now));
        recorded.Counts.ShouldBe([new OutcomeCount("leaflets", 500), new OutcomeCount("papers sold", 0)]);
    }

    [Fact]
    public void Summary_and_counts_are_checked_before_the_action()
    {
        Report("").Decide(null, Now).Errors.Single().Field.ShouldBe(["input", "summary"]);
        Report("Tab\tand\nlines are fine").Decide(Action(Now), Now).Accepted.ShouldBeTrue();
        Report("A bell \u0007").Decide(Action(Now), Now).Errors.Single().Message.ShouldBe(TextInput.NotText("The summary", multiline: true));
        var errors = Report("Fine.", new OutcomeCount(" ", 1), new OutcomeCount("ok", -1), new OutcomeCount(new string('n', 61), 10_000_001)).Decide(Action(Now), Now).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.counts.0.name", "input.counts.1.value", "input.counts.2.name", "input.counts.2.value"]);
        Report("Fine.", [.. Enumerable.Range(0, 21).Select(i => new OutcomeCount($"count {i}", i))]).Decide(Action(Now), Now).Errors.Single().Message.ShouldBe("At most 20 counts.");
        Report().Decide(null, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public void Not_for_a_cancelled_action_nor_one_that_has_not_started()
    {
        Report().Decide(Action(Now.AddDays(-1), new ActionCancelled(ActionId, CampaignId, "Rain", 0, Guid.Empty, Now.AddDays(-2))), Now).Errors.Single().Message.ShouldBe("The action is cancelled.");
        Report().Decide(Action(Now.AddMinutes(1)), Now).Errors.Single().Message.ShouldBe("The action has not started yet.");
    }

    [Fact]
    public void Only_the_campaigns_organisers_and_admins_record_its_outcomes()
    {
        new RecordActionOutcome(ActionId, "Good.", [], Runners.Admin()).Decide(Action(Now.AddHours(-3)), Now).Accepted.ShouldBeTrue();
        new RecordActionOutcome(ActionId, "Good.", [], Runners.OrganiserOf(Guid.NewGuid())).Decide(Action(Now.AddHours(-3)), Now).Forbidden.ShouldNotBeNull();
        new RecordActionOutcome(ActionId, "Good.", [], Runners.OrganiserEverywhere()).Decide(Action(Now.AddHours(-3)), Now).Forbidden.ShouldNotBeNull();
    }
}
