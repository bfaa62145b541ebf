using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// Campaign.activity: daily figures built by the async daemon (the CampaignDay projection). This class has
/// its own host, as it moves the clock by days.
/// </summary>
public sealed class ActivityTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Activity = "query($slug: String!, $days: Int) { campaign(slug: $slug) { activity(days: $days) { day signUps withdrawals checkIns } } }";

    private static readonly TimeSpan DaemonTimeout = TimeSpan.FromSeconds(60);

    private Task WaitForTheDaemonAsync() => fixture.Services.GetRequiredService<ICampaignsStore>().WaitForNonStaleProjectionDataAsync(DaemonTimeout);

    private async Task<JsonArray> ActivityAsync(string slug, int? days = null, string? token = null) =>
        (await fixture.Client.DataAsync(Activity, new { slug, days }, token))["campaign"]!["activity"]!.AsArray();

    private static string Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd");

    private static (int SignUps, int Withdrawals, int CheckIns) Figures(JsonNode? day) =>
        (day!["signUps"]!.GetValue<int>(), day["withdrawals"]!.GetValue<int>(), day["checkIns"]!.GetValue<int>());

    /// <summary>Moves the test clock to the next noon UTC, so a test's events of one day cannot straddle midnight.</summary>
    private void MoveToNoon()
    {
        var now = fixture.Clock.GetUtcNow();
        var noon = new DateTimeOffset(now.UtcDateTime.Date.AddHours(12), TimeSpan.Zero);
        if (noon <= now) noon = noon.AddDays(1);
        fixture.Clock.Advance(noon - now);
    }

    [Fact]
    public async Task Sign_ups_withdrawals_and_check_ins_are_counted_per_UTC_day_newest_first()
    {
        MoveToNoon();
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(5));
        var (ann, bob, cat) = (await fixture.MemberAsync(), await fixture.MemberAsync(), await fixture.MemberAsync());

        // day one: three sign up, one withdraws, one is checked in
        var dayOne = Day(fixture.Clock.GetUtcNow());
        foreach (var m in new[] { ann, bob, cat })
            (await CampaignsApi.SignUpAsync(fixture.Client, m.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, cat.Token)).UserErrors("withdrawFromAction").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = ann.MemberId } }, organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();

        // day two: the one who withdrew signs up again, two are checked in
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var dayTwo = Day(fixture.Clock.GetUtcNow());
        (await CampaignsApi.SignUpAsync(fixture.Client, cat.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        foreach (var m in new[] { bob, cat })
            (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = m.MemberId } }, organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();

        await WaitForTheDaemonAsync();

        var activity = await ActivityAsync(slug); // anonymous, like progress
        activity.Select(d => d!["day"]!.GetValue<string>()).ShouldBe([dayTwo, dayOne]);
        Figures(activity[0]).ShouldBe((1, 0, 2));
        Figures(activity[1]).ShouldBe((3, 1, 1));

        // the daily figures add up to the live progress
        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["signUps"]!.GetValue<int>().ShouldBe(4 - 1);
        progress["attendances"]!.GetValue<int>().ShouldBe(3);

        // the window ends today: one day shows today only; a day later, two days show the later day only
        (await ActivityAsync(slug, days: 1, token: organiser.Token)).Select(d => d!["day"]!.GetValue<string>()).ShouldBe([dayTwo]);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        (await ActivityAsync(slug, days: 2)).Select(d => d!["day"]!.GetValue<string>()).ShouldBe([dayTwo]);
        (await ActivityAsync(slug, days: 366)).Count.ShouldBe(2);

        foreach (var days in new[] { 0, -1, 367 })
        {
            var refused = await fixture.Client.PostAsync(Activity, new { slug, days });
            refused.ErrorCodes.ShouldBe(["BAD_USER_INPUT"], refused.Body);
        }
    }

    [Fact]
    public async Task Parallel_sign_ups_are_each_counted_once_in_the_daily_figures()
    {
        MoveToNoon();
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var starts = fixture.Clock.GetUtcNow().AddDays(5);
        var actionA = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: starts);
        var actionB = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: starts);
        var members = new List<MemberApi.Person>();
        for (var i = 0; i < 10; i++) members.Add(await fixture.MemberAsync());

        var responses = await Task.WhenAll(members.SelectMany(m => new[] { actionA, actionB }.Select(a => CampaignsApi.SignUpAsync(fixture.NewClient(), m.Token, a))));
        responses.ShouldAllBe(r => r.UserErrors("signUpForAction").Count == 0);
        await WaitForTheDaemonAsync();

        var id = GlobalId.TryDecode(campaignId, "Campaign")!.Value;
        await using var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession();
        var events = await session.Events.QueryRawEventDataOnly<SignedUpForAction>().Where(e => e.CampaignId == id).ToListAsync();
        events.Count.ShouldBe(20);

        var activity = await ActivityAsync(slug);
        activity.Count.ShouldBe(1);
        activity[0]!["day"]!.GetValue<string>().ShouldBe(Day(fixture.Clock.GetUtcNow()));
        Figures(activity[0]).ShouldBe((events.Count, 0, 0));
    }

    [Fact]
    public async Task A_page_of_campaigns_with_their_activity_costs_the_same_round_trips_for_five_as_for_one()
    {
        var organiser = await fixture.OrganiserAsync();
        for (var i = 0; i < 5; i++) await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        const string Page = "query($first: Int) { campaigns(first: $first) { nodes { slug activity(days: 7) { day signUps } progress { signUps } } } }";

        using var counter = new SqlCounter(fixture.ConnectionString);
        var one = await fixture.Client.DataAsync(Page, new { first = 1 });
        var forOne = counter.Count;
        counter.Reset();
        var five = await fixture.Client.DataAsync(Page, new { first = 5 });
        var forFive = counter.Count;

        one["campaigns"]!["nodes"]!.AsArray().Count.ShouldBe(1);
        five["campaigns"]!["nodes"]!.AsArray().Count.ShouldBe(5);
        forOne.ShouldBeGreaterThan(0);
        forFive.ShouldBe(forOne);
    }
}

/// <summary>Projections:Daemon takes Solo, HotCold or Disabled; anything else stops the host at start-up.</summary>
public sealed class ProjectionDaemonSettingTests
{
    [Fact]
    public async Task An_unknown_daemon_mode_stops_start_up_with_a_clear_message()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["Auth:SigningKey"] = PlatformFixture.SigningKey,
            ["Projections:Daemon"] = "Sometimes",
        };
        await using var factory = new PlatformFactory(settings, null, null);
        var thrown = Should.Throw<Exception>(() => factory.Services);
        var messages = new List<string>();
        for (Exception? e = thrown; e is not null; e = e.InnerException) messages.Add(e.Message);
        messages.ShouldContain(m => m.Contains("Projections:Daemon is 'Sometimes'") && m.Contains("Solo, HotCold or Disabled"));
    }
}
