using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Reacting to Membership, reminders, live progress and the cost of a page of actions.</summary>
public sealed class ReactionsTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    [Fact]
    public async Task A_member_who_resigns_is_withdrawn_from_future_actions()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        await MemberApi.MutateAsync(fixture, "resignMembership", "ResignMembershipInput", new { reason = "Leaving" }, member.Token);

        var id = GlobalId.TryDecode(actionId, "CampaignAction")!.Value;
        (await EventuallyAsync(async () =>
        {
            await using var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession();
            return (await session.LoadAsync<CampaignAction>(id))!.SignUpCount == 0;
        })).ShouldBeTrue();
        // and a resigned member cannot sign up again: the token is refused, or (while the check's answer is cached) the sign-up
        var again = await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        if (again.Errors is null) again.UserErrors("signUpForAction").Single().Code.ShouldBe("INVALID_STATE");
        else again.ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task An_erased_members_name_disappears_from_campaign_data()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var start = fixture.Clock.GetUtcNow().AddMinutes(5);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: start);
        var member = await fixture.MemberAsync();
        var signedUp = await fixture.MemberAsync();
        var kept = await fixture.MemberAsync();
        await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = member.MemberId } }, organiser.Token);
        await CampaignsApi.SignUpAsync(fixture.Client, signedUp.Token, actionId);
        await CampaignsApi.SignUpAsync(fixture.Client, kept.Token, actionId);

        var admin = await fixture.AdminTokenAsync();
        foreach (var erased in new[] { member, signedUp })
            await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = erased.MemberId } }, admin);
        (await EventuallyAsync(async () =>
        {
            var data = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { participants { memberId displayName } } } }", new { id = actionId }, organiser.Token);
            return data["node"]!["participants"]!.AsArray().All(p => (p!["memberId"]!.GetValue<string>() == kept.MemberId) != (p["displayName"]!.GetValue<string>() == "Erased member"));
        })).ShouldBeTrue();

        // signUps: the erased members' entries stay (counts hold) without their names; the one signed up was withdrawn
        const string Reads = "query($id: ID) { personalDataReads(memberId: $id) { totalCount } }";
        var readsBefore = (await fixture.Client.DataAsync(Reads, new { id = signedUp.MemberId }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>();
        (await EventuallyAsync(async () =>
        {
            var data = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps { totalCount nodes { memberId displayName status } } } } }", new { id = actionId }, organiser.Token);
            var nodes = data["node"]!["signUps"]!["nodes"]!.AsArray().ToDictionary(n => n!["memberId"]!.GetValue<string>(), n => (Name: n!["displayName"]!.GetValue<string>(), Status: n["status"]!.GetValue<string>()));
            return data["node"]!["signUps"]!["totalCount"]!.GetValue<int>() == 3
                && nodes[member.MemberId] == ("Erased member", "ATTENDED")
                && nodes[signedUp.MemberId] == ("Erased member", "WITHDRAWN")
                && nodes[kept.MemberId].Name != "Erased member" && nodes[kept.MemberId].Status == "SIGNED_UP";
        })).ShouldBeTrue();
        // nothing personal is left to read: the erased member's entry is not recorded as a read of their data
        (await fixture.Client.DataAsync(Reads, new { id = signedUp.MemberId }, admin))["personalDataReads"]!["totalCount"]!.GetValue<int>().ShouldBe(readsBefore);
    }

    [Fact]
    public async Task A_reminder_is_scheduled_durably_and_records_a_notice_for_everyone_signed_up()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var starts = fixture.Clock.GetUtcNow().AddDays(5);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: starts);
        var member = await fixture.MemberAsync();
        await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);

        (await ScheduledMessages.CountAsync(fixture.ConnectionString, "SendActionReminders", "campaigns")).ShouldBeGreaterThanOrEqualTo(1);

        // what the scheduled message does when its time comes (here: invoked now, with the action's current start)
        var id = GlobalId.TryDecode(actionId, "CampaignAction")!.Value;
        await using (var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession())
        {
            var action = await session.LoadAsync<CampaignAction>(id);
            var bus = fixture.Services.GetRequiredService<IMessageBus>();
            await bus.InvokeAsync(new SendActionReminders(id, action!.StartsAt.AddHours(-1))); // a stale one: nothing
            await bus.InvokeAsync(new SendActionReminders(id, action.StartsAt));
            await bus.InvokeAsync(new SendActionReminders(id, action.StartsAt)); // twice: still one notice
        }
        var notices = await fixture.Client.DataAsync("{ me { notices { totalCount nodes { kind text } } } }", token: member.Token);
        notices["me"]!["notices"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        notices["me"]!["notices"]!["nodes"]![0]!["kind"]!.GetValue<string>().ShouldBe("ACTION_REMINDER");
    }

    [Fact]
    public async Task The_progress_subscription_pushes_a_value_on_every_change()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();

        using var scope = fixture.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>().ExecuteAsync(new ExecutionOptions
        {
            Query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps attendances participants } }",
            Variables = new Inputs(new Dictionary<string, object?> { ["id"] = campaignId }),
            RequestServices = scope.ServiceProvider,
        });
        result.Errors.ShouldBeNull();
        var values = new System.Collections.Concurrent.BlockingCollection<ExecutionResult>();
        using var subscription = result.Streams!.Values.Single().Subscribe(new Observer(values));

        SignUps(values.Take(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token)).ShouldBe(0);
        await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        SignUps(values.Take(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token)).ShouldBe(1);
        await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, member.Token);
        SignUps(values.Take(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token)).ShouldBe(0);
    }

    private int SignUps(ExecutionResult r)
    {
        var json = fixture.Services.GetRequiredService<IGraphQLTextSerializer>().Serialize(r);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["errors"].ShouldBeNull(json);
        return node["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>();
    }

    private sealed class Observer(System.Collections.Concurrent.BlockingCollection<ExecutionResult> values) : IObserver<ExecutionResult>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) => throw error;

        public void OnNext(ExecutionResult value) => values.Add(value);
    }

    [Fact]
    public async Task A_page_of_fifty_actions_with_sign_up_counts_costs_the_same_round_trips_as_a_page_of_five()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        for (var i = 0; i < 50; i++) await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(2).AddMinutes(i));
        const string Page = "query($slug: String!, $first: Int) { campaign(slug: $slug) { title progress { signUps participants } actions(first: $first) { totalCount nodes { id title signUpCount placesLeft campaign { title } } } } }";

        using var counter = new SqlCounter(fixture.ConnectionString);
        var five = await fixture.Client.DataAsync(Page, new { slug, first = 5 });
        var forFive = counter.Count;
        counter.Reset();
        var fifty = await fixture.Client.DataAsync(Page, new { slug, first = 50 });
        var forFifty = counter.Count;

        five["campaign"]!["actions"]!["nodes"]!.AsArray().Count.ShouldBe(5);
        fifty["campaign"]!["actions"]!["nodes"]!.AsArray().Count.ShouldBe(50);
        forFive.ShouldBeGreaterThan(0);
        forFifty.ShouldBe(forFive);
    }
    [Fact]
    public async Task The_campaign_page_reads_the_campaign_with_its_progress_then_its_actions_in_two_round_trips()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token, goal: 40);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(2));
        await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddDays(3));
        for (var i = 0; i < 3; i++) (await CampaignsApi.SignUpAsync(fixture.Client, (await fixture.MemberAsync()).Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        // src/Host/PersistedDocuments/CampaignPage.graphql
        const string page = """
            query CampaignPage($slug: String!) {
              campaign(slug: $slug) {
                id slug title summary goal status
                progress { actionsScheduled signUps attendances participants goal }
                actions(upcomingOnly: true, first: 20) { totalCount nodes { id kind title startsAt endsAt location capacity placesLeft signUpCount } }
              }
            }
            """;

        await fixture.Client.DataAsync(page, new { slug }); // warm: the connection pool
        using var counter = new SqlCounter(fixture.ConnectionString);
        var data = await fixture.Client.DataAsync(page, new { slug });
        counter.Count.ShouldBe(2);

        var campaign = data["campaign"]!;
        campaign["slug"]!.GetValue<string>().ShouldBe(slug);
        var progress = campaign["progress"]!;
        progress["actionsScheduled"]!.GetValue<int>().ShouldBe(2);
        progress["signUps"]!.GetValue<int>().ShouldBe(3);
        progress["participants"]!.GetValue<int>().ShouldBe(3);
        progress["goal"]!.GetValue<int>().ShouldBe(40);
        campaign["actions"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
        (await fixture.Client.DataAsync(page, new { slug = "no-such-campaign" }))["campaign"].ShouldBeNull();

        // anonymous callers' actions are read without the lists of members: the same page as a signed-in caller's
        // (times to 10 µs: the read without lists takes them from PostgreSQL's timestamptz columns, whole
        // documents from their JSON, where the test clock's ticks below a microsecond are kept)
        static string Micro(System.Text.Json.Nodes.JsonNode page) => System.Text.RegularExpressions.Regex.Replace(page.ToJsonString(), @"(\.\d{5})\d+", "$1");
        var signedIn = await fixture.Client.DataAsync(page, new { slug }, organiser.Token);
        Micro(signedIn).ShouldBe(Micro(data));
        const string Mine = "query($slug: String!) { campaign(slug: $slug) { actions(first: 5) { nodes { title signUpCount mySignUp outcome { summary } } } } }";
        var member = await fixture.MemberAsync();
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        var mine = await fixture.Client.DataAsync(Mine, new { slug }, member.Token);
        mine["campaign"]!["actions"]!["nodes"]![0]!["mySignUp"]!.GetValue<string>().ShouldBe("SIGNED_UP");
        mine["campaign"]!["actions"]!["nodes"]![0]!["signUpCount"]!.GetValue<int>().ShouldBe(4);
        var anonymous = await fixture.Client.DataAsync(Mine, new { slug });
        anonymous["campaign"]!["actions"]!["nodes"]![0]!["mySignUp"].ShouldBeNull();
        anonymous["campaign"]!["actions"]!["nodes"]![0]!["signUpCount"]!.GetValue<int>().ShouldBe(4);
    }
}
