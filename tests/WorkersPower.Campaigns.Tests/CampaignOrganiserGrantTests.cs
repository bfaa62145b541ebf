using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership;
using WorkersPower.Membership.Grants;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// CAMPAIGN_ORGANISER through the real parts: launching grants it to the launcher before launchCampaign answers (their next
/// request schedules the first action), once however many copies of the command arrive; a campaign's organiser runs that
/// campaign and no other; an admin's account runs every campaign without a grant.
/// </summary>
public sealed class CampaignOrganiserGrantTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Organisers = "query($slug: String!) { campaign(slug: $slug) { organisers { displayName } viewerOrganises } }";

    private async Task<IReadOnlyList<RoleGrant>> CampaignGrantsAsync(string memberId)
    {
        var member = GlobalId.TryDecode(memberId, "Member")!.Value;
        await using var session = fixture.Services.GetRequiredService<IMembershipStore>().QuerySession();
        return (await session.Query<RoleGrant>().Where(g => g.MemberId == member).ToListAsync()).Where(g => g.Role == "CAMPAIGN_ORGANISER").ToList();
    }

    [Fact]
    public async Task Launching_makes_the_launcher_its_organiser_before_the_answer_so_the_next_request_schedules_its_first_action()
    {
        var launcher = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var campaigns = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
            await CampaignsApi.ScheduleAsync(fixture, launcher.Token, campaignId); // asserts no error: not FORBIDDEN
            var shown = await fixture.Client.DataAsync(Organisers, new { slug }, launcher.Token);
            shown["campaign"]!["organisers"]!.AsArray().Count.ShouldBe(1);
            shown["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeTrue();
            campaigns.Add(campaignId);
        }

        var grants = await CampaignGrantsAsync(launcher.MemberId);
        grants.Select(g => g.Scope.CampaignId).ShouldBe(campaigns.Select(c => GlobalId.TryDecode(c, "Campaign")), ignoreOrder: true);
        grants.ShouldAllBe(g => g.Until == null && g.Reason == "Launched the campaign" && g.RevokedAt == null);

        // the outbox's copy of a launch, and more copies at the same moment, make no second grant
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CampaignsApi.GrantAsync(fixture, launcher.MemberId, campaigns[0])));
        (await CampaignGrantsAsync(launcher.MemberId)).Count.ShouldBe(campaigns.Count);
    }

    [Fact]
    public async Task Without_the_fields_call_the_outboxs_copy_of_the_launch_grants_it_moments_later()
    {
        var launcher = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var member = GlobalId.TryDecode(launcher.MemberId, "Member")!.Value;
        // the launch as its handler runs it, without the field (as if the process stopped right after the commit)
        var caller = new Caller(Guid.NewGuid(), member, ["MEMBER", "ORGANISER"]);
        var launched = await fixture.Services.GetRequiredService<Wolverine.IMessageBus>()
            .InvokeAsync<CommandResult>(new Campaigns.LaunchCampaign($"Outbox {Guid.NewGuid():N}"[..20], "Why.", null, null, caller));
        var campaignId = launched.Id!.Value;

        var deadline = DateTime.UtcNow.AddSeconds(15);
        IReadOnlyList<RoleGrant> grants;
        while ((grants = await CampaignGrantsAsync(launcher.MemberId)).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        grants.Select(g => g.Scope.CampaignId).ShouldBe([campaignId]);
        grants[0].GrantedBy.ShouldBe(caller.AccountId);
    }

    [Fact]
    public async Task A_campaigns_organiser_runs_that_campaign_and_no_other()
    {
        var admin = await fixture.AdminTokenAsync();
        var mine = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var theirs = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var (myCampaign, _) = await CampaignsApi.LaunchAsync(fixture, mine.Token);
        var (theirCampaign, theirSlug) = await CampaignsApi.LaunchAsync(fixture, theirs.Token);
        var theirAction = await CampaignsApi.ScheduleAsync(fixture, theirs.Token, theirCampaign, startsAt: fixture.Clock.GetUtcNow().AddMinutes(30));

        var attempts = new (string Query, object Variables)[]
        {
            (CampaignsApi.Schedule, CampaignsApi.ScheduleInput(theirCampaign)),
            ("mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { errors { code } } }", new { input = new { campaignId = theirCampaign, title = "Taken over" } }),
            ("mutation($input: CampaignIdInput!) { concludeCampaign(input: $input) { errors { code } } }", new { input = new { campaignId = theirCampaign } }),
            ("mutation($input: RescheduleActionInput!) { rescheduleAction(input: $input) { errors { code } } }",
                new { input = new { actionId = theirAction, startsAt = fixture.Clock.GetUtcNow().AddDays(2), endsAt = fixture.Clock.GetUtcNow().AddDays(2).AddHours(1) } }),
            (CampaignsApi.Cancel, new { input = new { actionId = theirAction, reason = "Not mine to cancel" } }),
            ("mutation($input: RecordActionOutcomeInput!) { recordActionOutcome(input: $input) { errors { code } } }", new { input = new { actionId = theirAction, summary = "Nothing." } }),
            (CampaignsApi.CheckIn, new { input = new { actionId = theirAction, memberId = theirs.MemberId } }),
            ("query($id: ID!) { node(id: $id) { ... on CampaignAction { walkInCandidates(search: \"an\") { displayName } } } }", new { id = theirAction }),
        };
        foreach (var (query, variables) in attempts)
        {
            var refused = await fixture.Client.PostAsync(query, variables, mine.Token);
            refused.ErrorCodes.ShouldBe(["FORBIDDEN"], refused.Body);
        }
        (await fixture.Client.DataAsync(Organisers, new { slug = theirSlug }, mine.Token))["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeFalse();

        // their own campaign they run; an admin runs either
        var own = await fixture.Client.PostAsync(attempts[1].Query, new { input = new { campaignId = myCampaign, title = "Still mine" } }, mine.Token);
        own.UserErrors("updateCampaign").ShouldBeEmpty(own.Body);
        var byAdmin = await fixture.Client.PostAsync(attempts[1].Query, attempts[1].Variables, admin);
        byAdmin.UserErrors("updateCampaign").ShouldBeEmpty(byAdmin.Body);
    }

    [Fact]
    public async Task An_admins_account_launching_gets_no_grant_and_runs_the_campaign_as_admin()
    {
        var admin = await fixture.AdminTokenAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, admin);
        await CampaignsApi.ScheduleAsync(fixture, admin, campaignId);
        var shown = await fixture.Client.DataAsync(Organisers, new { slug }, admin);
        shown["campaign"]!["organisers"]!.AsArray().ShouldBeEmpty();
        shown["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeTrue();
    }
}
