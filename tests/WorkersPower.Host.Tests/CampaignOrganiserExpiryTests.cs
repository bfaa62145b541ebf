using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Grants;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// A CAMPAIGN_ORGANISER grant with an end, through the token: while it holds, its holder runs the campaign; from its
/// end on, the same token is refused, without anyone acting (the token check keeps its answer no longer than the
/// soonest end of a grant in it, and leaves an ended grant out of <see cref="Caller.Grants"/>).
/// </summary>
public sealed class CampaignOrganiserExpiryTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Launch = "mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id slug } errors { code message } } }";
    private const string Schedule = "mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }";
    private const string Runs = "query($slug: String!) { campaign(slug: $slug) { viewerOrganises } }";

    private static object ScheduleInput(string campaignId)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        return new { input = new { campaignId, kind = "PICKET", title = "Steward's picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate" } };
    }

    [Fact]
    public async Task A_grant_ending_in_a_few_seconds_stops_working_at_its_end_for_the_same_token()
    {
        var branch = await fixture.BranchAsync();
        var launcher = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var steward = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var launched = await fixture.Client.PostAsync(Launch, new { input = new { title = "Conference weekend", summary = "Stewards wanted." } }, launcher.Token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var campaignId = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var slug = launched["launchCampaign.campaign.slug"]!.GetValue<string>();

        // before: an organiser of the same branch does not run it
        (await fixture.Client.PostAsync(Schedule, ScheduleInput(campaignId), steward.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // CAMPAIGN_ORGANISER on it for the steward, ending four seconds from now (as an admin's grantRole with an end records it)
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        await GrantUntilAsync(steward.MemberId, campaignId, until);

        var during = await fixture.Client.PostAsync(Schedule, ScheduleInput(campaignId), steward.Token);
        during.UserErrors("scheduleAction").ShouldBeEmpty(during.Body);
        (await fixture.Client.DataAsync(Runs, new { slug }, steward.Token))["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeTrue();
        DateTimeOffset.UtcNow.ShouldBeLessThan(until, "the steward's requests took longer than the grant lasts: the test proves nothing");

        // after its end, the same token: refused at once, nobody having acted
        var wait = until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var after = await fixture.Client.PostAsync(Schedule, ScheduleInput(campaignId), steward.Token);
        after.ErrorCodes.ShouldBe(["FORBIDDEN"], after.Body);
        (await fixture.Client.DataAsync(Runs, new { slug }, steward.Token))["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeFalse();
        // the launcher's grant, without end, holds
        (await fixture.Client.PostAsync(Schedule, ScheduleInput(campaignId), launcher.Token)).UserErrors("scheduleAction").ShouldBeEmpty();
    }

    /// <summary>Records the grant in Membership's store and drops this node's cached token answer, as a grant made here does.</summary>
    private async Task GrantUntilAsync(string memberId, string campaignId, DateTimeOffset until)
    {
        var member = GlobalId.TryDecode(memberId, "Member")!.Value;
        var campaign = GlobalId.TryDecode(campaignId, "Campaign")!.Value;
        var store = fixture.Services.GetRequiredService<IMembershipStore>();
        await using var session = store.LightweightSession();
        var grantId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        session.Events.StartStream<RoleGrant>(grantId,
            new RoleGranted(grantId, member, GrantRoles.CampaignOrganiser, GrantScope.OfCampaign(campaign), now, until, Guid.Empty, "Conference steward", now));
        await session.SaveChangesAsync();
        var account = await session.Query<Account>().SingleAsync(a => a.MemberId == member);
        fixture.Services.GetRequiredService<AccountTokenCheck>().Forget(account.Id);
    }
}
