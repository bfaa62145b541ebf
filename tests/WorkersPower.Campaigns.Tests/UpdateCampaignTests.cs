using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>updateCampaign's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class UpdateCampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(Id);

    private static Campaign Launched(int? goal = 100) =>
        Given.Events<CampaignProjection, Campaign>(new CampaignLaunched(Id, "depots", "Depots", "Why we fight.", goal, Organiser.AccountId, Organiser.MemberId, Now.AddDays(-1)));

    private static UpdateCampaign Update(string? title = null, string? summary = null, int? goal = null, bool clearGoal = false) =>
        new(Id, title, summary, goal, clearGoal, Organiser);

    [Fact]
    public void Omitted_fields_stay_and_given_ones_are_trimmed()
    {
        Update(title: " Better title ").Decide(Launched(), Now).Events
            .ShouldBe([new CampaignUpdated(Id, "Better title", "Why we fight.", 100, Organiser.AccountId, Now)]);
        Update(summary: "New reasons.", goal: 300).Decide(Launched(), Now).Events
            .ShouldBe([new CampaignUpdated(Id, "Depots", "New reasons.", 300, Organiser.AccountId, Now)]);
    }

    [Fact]
    public void Clearing_the_goal_removes_it()
    {
        ((CampaignUpdated)Update(clearGoal: true).Decide(Launched(), Now).Events.Single()).Goal.ShouldBeNull();
    }

    [Fact]
    public void Invalid_values_are_refused_before_the_campaign_is_looked_at_and_an_unknown_campaign_is_NOT_FOUND()
    {
        Update(title: "x").Decide(Launched(), Now).Errors.Single().Field.ShouldBe(["input", "title"]);
        Update(title: "x").Decide(null, Now).Errors.Single().Code.ShouldBe(ErrorCodes.Validation);
        Update(summary: " ").Decide(Launched(), Now).Errors.Single().Field.ShouldBe(["input", "summary"]);
        Update(goal: 0).Decide(Launched(), Now).Errors.Single().Field.ShouldBe(["input", "goal"]);
        var unknown = Update(title: "Fine title").Decide(null, Now).Errors.Single();
        (unknown.Code, unknown.Message).ShouldBe((ErrorCodes.NotFound, "There is no such campaign."));
    }

    [Fact]
    public void Only_its_organisers_and_admins_change_it_and_others_are_refused_whatever_they_send()
    {
        new UpdateCampaign(Id, "Better title", null, null, false, Runners.Admin()).Decide(Launched(), Now).Accepted.ShouldBeTrue();
        new UpdateCampaign(Id, "Better title", null, null, false, Runners.OrganiserOf(Guid.NewGuid())).Decide(Launched(), Now).Forbidden.ShouldNotBeNull();
        new UpdateCampaign(Id, "x", null, null, false, Runners.BranchOrganiser(Guid.NewGuid())).Decide(Launched(), Now).Forbidden.ShouldNotBeNull();
        // its launcher without the grant any more (revoked or expired: absent from the caller's grants)
        new UpdateCampaign(Id, "Better title", null, null, false, Organiser with { Grants = [] }).Decide(Launched(), Now).Forbidden.ShouldNotBeNull();
    }
}
