using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.Tests;

/// <summary>launchCampaign's rules, Given the slugs taken / When the command / Then an event or a refusal: no database.</summary>
public sealed class LaunchCampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Caller Organiser = new(Guid.NewGuid(), Guid.NewGuid(), [Roles.Organiser]);

    private static Decision When(string title = "Stop the Deportations!", string summary = "Solidarity.", string? slug = null, int? goal = 50, params string[] taken) =>
        new LaunchCampaign(title, summary, slug, goal, Organiser).Decide(taken, Id, Now);

    [Fact]
    public void A_campaign_is_launched_at_the_slug_its_title_makes_with_its_launcher_as_organiser()
    {
        var decision = When(title: "  Stop the Deportations!  ", summary: " Solidarity. ");
        decision.Events.ShouldBe([new CampaignLaunched(Id, "stop-the-deportations", "Stop the Deportations!", "Solidarity.", 50, Organiser.AccountId, Organiser.MemberId, Now)]);
    }

    [Fact]
    public void A_taken_title_slug_is_numbered_with_the_first_free_number()
    {
        var launched = (CampaignLaunched)When(taken: ["stop-the-deportations", "stop-the-deportations-2", "stop-the-deportations-4"]).Events.Single();
        launched.Slug.ShouldBe("stop-the-deportations-3");
    }

    [Fact]
    public void A_slug_asked_for_is_lower_cased_and_refused_when_taken_or_invalid()
    {
        ((CampaignLaunched)When(slug: " Depots ").Events.Single()).Slug.ShouldBe("depots");
        var taken = When(slug: "depots", taken: ["depots"]).Errors.Single();
        (taken.Code, taken.Message).ShouldBe((ErrorCodes.AlreadyExists, "The slug 'depots' is taken."));
        taken.Field.ShouldBe(["input", "slug"]);
        When(slug: "Bad Slug").Errors.Single().Field.ShouldBe(["input", "slug"]);
        When(slug: "double--hyphen").Errors.Single().Code.ShouldBe(ErrorCodes.Validation);
    }

    [Fact]
    public void Title_summary_and_goal_are_checked_together()
    {
        var errors = When(title: "No", summary: "", slug: "Bad Slug", goal: -5).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.title", "input.summary", "input.goal", "input.slug"]);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.Validation);
        When(title: "Two\nlines").Errors.Single().Message.ShouldBe(TextInput.NotText("The title"));
        When(summary: new string('x', 2001)).Errors.Single().Field.ShouldBe(["input", "summary"]);
        When(goal: 10_000_001).Errors.Single().Message.ShouldBe("The goal must be between 1 and 10000000.");
        When(goal: null).Accepted.ShouldBeTrue();
    }
}
