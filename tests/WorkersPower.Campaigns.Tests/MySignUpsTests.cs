using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// mySignUps: the signed-in member's own actions that have not ended, soonest first, paged. This class has its
/// own host, as it moves the clock past an action's end.
/// </summary>
public sealed class MySignUpsTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Mine = "query($first: Int, $after: String) { mySignUps(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id mySignUp campaign { slug } } } }";

    private async Task<JsonNode> MineAsync(string token, int first = 10, string? after = null) =>
        (await fixture.Client.DataAsync(Mine, new { first, after }, token))["mySignUps"]!;

    private static List<string> Ids(JsonNode page) => page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_member_sees_their_own_actions_that_have_not_ended_soonest_first_without_withdrawn_or_cancelled_ones()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var now = fixture.Clock.GetUtcNow();
        var later = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(2));
        var tomorrow = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(1));
        var soon = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddHours(3)); // ends 2 hours later
        var cancelled = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(4));
        var withdrawn = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(5));
        var notMine = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: now.AddDays(6));
        var (ann, bob) = (await fixture.MemberAsync(), await fixture.MemberAsync());

        foreach (var action in new[] { later, tomorrow, soon, cancelled, withdrawn })
            (await CampaignsApi.SignUpAsync(fixture.Client, ann.Token, action)).UserErrors("signUpForAction").ShouldBeEmpty();
        (await CampaignsApi.SignUpAsync(fixture.Client, bob.Token, notMine)).UserErrors("signUpForAction").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId = withdrawn } }, ann.Token)).UserErrors("withdrawFromAction").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.Cancel, new { input = new { actionId = cancelled, reason = "Rain" } }, organiser.Token)).UserErrors("cancelAction").ShouldBeEmpty();

        var first = await MineAsync(ann.Token, first: 2);
        first["totalCount"]!.GetValue<int>().ShouldBe(3);
        Ids(first).ShouldBe([soon, tomorrow]);
        first["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeTrue();
        first["nodes"]!.AsArray().ShouldAllBe(n => n!["mySignUp"]!.GetValue<string>() == "SIGNED_UP" && n["campaign"]!["slug"]!.GetValue<string>() == slug);
        var second = await MineAsync(ann.Token, first: 2, after: first["pageInfo"]!["endCursor"]!.GetValue<string>());
        Ids(second).ShouldBe([later]);
        second["pageInfo"]!["hasNextPage"]!.GetValue<bool>().ShouldBeFalse();
        Ids(await MineAsync(bob.Token)).ShouldBe([notMine]);

        // once an action has ended it leaves the list (one that has started but not ended stays)
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        Ids(await MineAsync(ann.Token)).ShouldBe([soon, tomorrow, later]);
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        Ids(await MineAsync(ann.Token)).ShouldBe([tomorrow, later]);
    }

    [Fact]
    public async Task Signed_out_callers_are_refused_and_accounts_without_a_member_record_have_none()
    {
        (await fixture.Client.PostAsync(Mine, new { first = 5 })).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        var admin = await fixture.AdminTokenAsync();
        var page = await MineAsync(admin);
        page["totalCount"]!.GetValue<int>().ShouldBe(0);
        Ids(page).ShouldBeEmpty();
    }
}
