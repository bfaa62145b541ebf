using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>concludeCampaign's rule, Given events / When the command / Then an event or a refusal: no database.</summary>
public sealed class ConcludeCampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly Caller Organiser = Runners.OrganiserOf(Id);

    private static Campaign Campaign(params object[] more) =>
        Given.Events<CampaignProjection, Campaign>([new CampaignLaunched(Id, "depots", "Depots", "Why.", null, Organiser.AccountId, null, Now.AddDays(-9)), .. more]);

    [Fact]
    public void An_active_campaign_is_concluded()
    {
        new ConcludeCampaign(Id, Organiser).Decide(Campaign(), Now).Events.ShouldBe([new CampaignConcluded(Id, Organiser.AccountId, Now)]);
        new ConcludeCampaign(Id, Organiser).Decide(Campaign(new CampaignConcluded(Id, Guid.Empty, Now.AddDays(-2)), new CampaignReopened(Id, Guid.Empty, Now.AddDays(-1))), Now)
            .Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_concluded_campaign_is_not_concluded_again()
    {
        var error = new ConcludeCampaign(Id, Organiser).Decide(Campaign(new CampaignConcluded(Id, Guid.Empty, Now.AddDays(-1))), Now).Errors.Single();
        (error.Code, error.Message).ShouldBe((ErrorCodes.InvalidState, "The campaign is concluded already."));
    }

    [Fact]
    public void Only_its_organisers_and_admins_conclude_it()
    {
        new ConcludeCampaign(Id, Runners.Admin()).Decide(Campaign(), Now).Accepted.ShouldBeTrue();
        new ConcludeCampaign(Id, Runners.OrganiserOf(Guid.NewGuid())).Decide(Campaign(), Now).Forbidden.ShouldNotBeNull(); // another campaign's organiser
        new ConcludeCampaign(Id, Runners.BranchOrganiser(Guid.NewGuid())).Decide(Campaign(), Now).Forbidden.ShouldNotBeNull(); // a branch's organiser
        new ConcludeCampaign(Id, Runners.OrganiserEverywhere()).Decide(Campaign(), Now).Forbidden.ShouldNotBeNull(); // organising every branch is not running every campaign
        new ConcludeCampaign(Id, Organiser with { Grants = [] }).Decide(Campaign(), Now).Forbidden.ShouldNotBeNull(); // its grant ended (revoked, expired)
    }
}
