using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Campaign.viewerOrganises: true for admins and the campaign's organisers, false for everyone else; read from what is loaded anyway.</summary>
public sealed class ViewerOrganisesTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Query = "query($slug: String!) { campaign(slug: $slug) { viewerOrganises } }";

    private async Task<bool> AskAsync(string slug, string? token)
    {
        var answer = await fixture.Client.PostAsync(Query, new { slug }, token);
        answer.ErrorCodes.ShouldBeEmpty(answer.Body);
        return answer["campaign.viewerOrganises"]!.GetValue<bool>();
    }

    [Fact]
    public async Task Admins_and_the_holders_of_CAMPAIGN_ORGANISER_on_it_organise_it_and_nobody_else()
    {
        var launcher = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
        var other = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var member = await fixture.MemberAsync();

        (await AskAsync(slug, await fixture.AdminTokenAsync())).ShouldBeTrue();
        (await AskAsync(slug, launcher.Token)).ShouldBeTrue();
        (await AskAsync(slug, other.Token)).ShouldBeFalse(); // an organiser of the same branch
        (await AskAsync(slug, member.Token)).ShouldBeFalse();
        (await AskAsync(slug, null)).ShouldBeFalse();

        // scheduling an action no longer makes an organiser one of its organisers: it is refused
        var refused = await fixture.Client.PostAsync(CampaignsApi.Schedule, CampaignsApi.ScheduleInput(campaignId), other.Token);
        refused.ErrorCodes.ShouldBe(["FORBIDDEN"], refused.Body);
        // a grant of CAMPAIGN_ORGANISER on it does
        await CampaignsApi.GrantAsync(fixture, other.MemberId, campaignId);
        (await AskAsync(slug, other.Token)).ShouldBeTrue();
        await CampaignsApi.ScheduleAsync(fixture, other.Token, campaignId);
    }

    [Fact]
    public void A_grant_on_the_campaign_is_what_counts_not_the_role_nor_the_record_of_who_ran_it()
    {
        var me = Guid.NewGuid();
        var campaign = new Campaigns.Campaign { Id = Guid.NewGuid(), OrganiserMemberIds = [me] };
        var mine = Runners.OnCampaign(campaign.Id);
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), me, ["MEMBER"]) { Grants = [mine] }, campaign).ShouldBeTrue();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), me, ["ORGANISER"]), campaign).ShouldBeFalse(); // listed, no grant now
        Campaigns.ViewerOrganises.Of(Runners.OrganiserOf(Guid.NewGuid()), campaign).ShouldBeFalse(); // another campaign
        Campaigns.ViewerOrganises.Of(Runners.OrganiserEverywhere(), campaign).ShouldBeFalse();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), null, ["ADMIN"]), campaign).ShouldBeTrue();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), null, ["ADMIN"]), (Campaigns.Campaign?)null).ShouldBeTrue();
        Campaigns.ViewerOrganises.Of(Runners.OrganiserOf(campaign.Id), (Campaigns.Campaign?)null).ShouldBeFalse();
        Campaigns.ViewerOrganises.Of(null, campaign).ShouldBeFalse();
    }

    [Fact]
    public async Task Asking_for_it_adds_no_round_trip_to_the_campaign_page()
    {
        var organiser = await fixture.OrganiserAsync();
        var (_, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        const string without = "query($slug: String!) { campaign(slug: $slug) { title organisers { displayName } } }";
        const string with = "query($slug: String!) { campaign(slug: $slug) { title organisers { displayName } viewerOrganises } }";
        (await fixture.Client.PostAsync(without, new { slug }, organiser.Token)).ErrorCodes.ShouldBeEmpty(); // warm

        using var log = new SqlStatementLog(fixture.ConnectionString);
        var counts = new List<(int Without, int With)>();
        for (var i = 0; i < 3; i++)
        {
            log.Reset();
            (await fixture.Client.PostAsync(without, new { slug }, organiser.Token)).ErrorCodes.ShouldBeEmpty();
            var a = log.Statements.Count;
            log.Reset();
            var answer = await fixture.Client.PostAsync(with, new { slug }, organiser.Token);
            answer["campaign.viewerOrganises"]!.GetValue<bool>().ShouldBeTrue();
            counts.Add((a, log.Statements.Count));
        }
        counts.Min(c => c.With).ShouldBeLessThanOrEqualTo(counts.Min(c => c.Without), string.Join(", ", counts));
    }
}
