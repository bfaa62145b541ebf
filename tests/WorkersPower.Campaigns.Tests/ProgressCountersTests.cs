using Microsoft.Extensions.DependencyInjection;
using Marten;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// The campaign's counters (<see cref="CampaignProgress"/>) kept by plain SQL increments in the projection: right in
/// any order the events are appended, and a sign-up without Marten's patch function.
/// </summary>
public sealed class ProgressCountersTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Counters_follow_every_change_also_when_the_campaign_starts_in_the_same_unit_of_work()
    {
        var store = fixture.Services.GetRequiredService<ICampaignsStore>();
        var campaign = Guid.NewGuid();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var (a, b, c, walkIn) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var session = store.LightweightSession())
        {
            // launched, scheduled and signed up for in one transaction: the counters' updates follow the progress's insert
            session.Events.StartStream<Campaign>(campaign, new CampaignLaunched(campaign, $"counters-{campaign:N}", "Counters", "Summary", 40, Guid.Empty, null, At));
            session.Events.StartStream<CampaignAction>(first, Scheduled(first, campaign), new SignedUpForAction(first, campaign, a, At), new SignedUpForAction(first, campaign, b, At));
            session.Events.StartStream<CampaignAction>(second, Scheduled(second, campaign), new SignedUpForAction(second, campaign, c, At));
            await session.SaveChangesAsync();
        }
        (await ProgressAsync(store, campaign)).ShouldBe((2, 3, 0, (int?)40));

        await using (var session = store.LightweightSession())
        {
            session.Events.Append(first, new WithdrewFromAction(first, campaign, b, null, At), new AttendeeCheckedIn(first, campaign, walkIn, false, Guid.Empty, At));
            session.Events.Append(second, new ActionCancelled(second, campaign, "Rain", 1, Guid.Empty, At));
            session.Events.Append(campaign, new CampaignUpdated(campaign, "Counters", "Summary", 50, Guid.Empty, At));
            await session.SaveChangesAsync();
        }
        (await ProgressAsync(store, campaign)).ShouldBe((1, 1, 1, (int?)50));
    }

    [Fact]
    public async Task A_sign_up_counts_without_martens_patch_function()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();

        using var patches = new SqlCounter(fixture.ConnectionString, statementContains: "mt_jsonb_patch");
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        patches.Count.ShouldBe(0);

        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["signUps"]!.GetValue<int>().ShouldBe(1);
        progress["actionsScheduled"]!.GetValue<int>().ShouldBe(1);
        progress["participants"]!.GetValue<int>().ShouldBe(1);
    }

    private static ActionScheduled Scheduled(Guid action, Guid campaign) =>
        new(action, campaign, ActionKind.Picket, "Picket", At.AddDays(3), At.AddDays(3).AddHours(2), "The gate", null, null, Guid.Empty, At);

    private static async Task<(int ActionsScheduled, int SignUps, int Attendances, int? Goal)> ProgressAsync(ICampaignsStore store, Guid campaign)
    {
        await using var query = store.QuerySession();
        var p = (await query.LoadAsync<CampaignProgress>(campaign)).ShouldNotBeNull();
        return (p.ActionsScheduled, p.SignUps, p.Attendances, p.Goal);
    }
}
