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
    public async Task Admins_the_launcher_and_whoever_scheduled_an_action_organise_it_and_nobody_else()
    {
        var launcher = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
        var scheduler = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        await CampaignsApi.ScheduleAsync(fixture, scheduler.Token, campaignId);
        var other = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var member = await fixture.MemberAsync();

        (await AskAsync(slug, await fixture.AdminTokenAsync())).ShouldBeTrue();
        (await AskAsync(slug, launcher.Token)).ShouldBeTrue();
        (await AskAsync(slug, scheduler.Token)).ShouldBeTrue();
        (await AskAsync(slug, other.Token)).ShouldBeFalse();
        (await AskAsync(slug, member.Token)).ShouldBeFalse();
        (await AskAsync(slug, null)).ShouldBeFalse();

        // the other organiser becomes one of its organisers by scheduling an action
        await CampaignsApi.ScheduleAsync(fixture, other.Token, campaignId);
        (await AskAsync(slug, other.Token)).ShouldBeTrue();
    }

    [Fact]
    public void Holding_the_organiser_role_is_needed_even_for_a_listed_organiser()
    {
        var me = Guid.NewGuid();
        var campaign = new Campaigns.Campaign { OrganiserMemberIds = [me] };
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), me, ["ORGANISER"]), campaign).ShouldBeTrue();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), me, ["MEMBER"]), campaign).ShouldBeFalse();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), Guid.NewGuid(), ["ORGANISER"]), campaign).ShouldBeFalse();
        Campaigns.ViewerOrganises.Of(new Platform.Caller(Guid.NewGuid(), null, ["ADMIN"]), campaign).ShouldBeTrue();
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
