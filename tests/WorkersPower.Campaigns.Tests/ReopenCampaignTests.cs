using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>reopenCampaign's rule, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class ReopenCampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(Id);

    private static Campaign Campaign(params object[] more) =>
        Given.Events<CampaignProjection, Campaign>([new CampaignLaunched(Id, "depots", "Depots", "Why.", null, Organiser.AccountId, null, Now.AddDays(-9)), .. more]);

    [Fact]
    public void A_concluded_campaign_is_reopened()
    {
        var concluded = Campaign(new CampaignConcluded(Id, Guid.Empty, Now.AddDays(-1)));
        new ReopenCampaign(Id, Organiser).Decide(concluded, Now).Events.ShouldBe([new CampaignReopened(Id, Organiser.AccountId, Now)]);
    }

    [Fact]
    public void An_active_campaign_is_not_reopened()
    {
        var error = new ReopenCampaign(Id, Organiser).Decide(Campaign(), Now).Errors.Single();
        (error.Code, error.Message).ShouldBe((ErrorCodes.InvalidState, "The campaign is active already."));
    }

    [Fact]
    public void Only_its_organisers_and_admins_reopen_it()
    {
        var concluded = Campaign(new CampaignConcluded(Id, Guid.Empty, Now.AddDays(-1)));
        new ReopenCampaign(Id, Organiser).Decide(concluded, Now).Accepted.ShouldBeTrue();
        new ReopenCampaign(Id, Runners.Admin()).Decide(concluded, Now).Accepted.ShouldBeTrue();
        new ReopenCampaign(Id, Runners.OrganiserOf(Guid.NewGuid())).Decide(concluded, Now).Forbidden.ShouldNotBeNull();
        new ReopenCampaign(Id, Runners.BranchOrganiser(Guid.NewGuid())).Decide(concluded, Now).Forbidden.ShouldNotBeNull();
    }
}
