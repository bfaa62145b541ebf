using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public sealed class SignUpTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    [Fact]
    public async Task A_member_signs_up_once_withdraws_and_the_counts_follow()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, capacity: 10);
        var member = await fixture.MemberAsync();

        var first = await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        first.UserErrors("signUpForAction").ShouldBeEmpty();
        first["signUpForAction.action.signUpCount"]!.GetValue<int>().ShouldBe(1);
        first["signUpForAction.action.mySignUp"]!.GetValue<string>().ShouldBe("SIGNED_UP");
        var twice = await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        twice["signUpForAction.action.signUpCount"]!.GetValue<int>().ShouldBe(1);
        twice["signUpForAction.action.placesLeft"]!.GetValue<int>().ShouldBe(9);

        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["signUps"]!.GetValue<int>().ShouldBe(1);
        progress["participants"]!.GetValue<int>().ShouldBe(1);
        progress["actionsScheduled"]!.GetValue<int>().ShouldBe(1);

        var withdrawn = await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, member.Token);
        withdrawn["withdrawFromAction.action.mySignUp"]!.GetValue<string>().ShouldBe("WITHDRAWN");
        withdrawn["withdrawFromAction.action.signUpCount"]!.GetValue<int>().ShouldBe(0);
        (await fixture.Client.PostAsync(CampaignsApi.Withdraw, new { input = new { actionId } }, member.Token)).UserErrors("withdrawFromAction").Single().Code.ShouldBe("INVALID_STATE");
        CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }))["signUps"]!.GetValue<int>().ShouldBe(0);
        (await CampaignsApi.SignUpAsync(fixture.Client, "", actionId)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task Capacity_holds_exactly_under_parallel_sign_ups_and_no_sign_up_is_lost()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, capacity: 6);
        var members = new List<MemberApi.Person>();
        for (var i = 0; i < 16; i++) members.Add(await fixture.MemberAsync());

        var responses = await Task.WhenAll(members.Select(m => CampaignsApi.SignUpAsync(fixture.NewClient(), m.Token, actionId)));
        var outcomes = responses.Select(r => r.UserErrors("signUpForAction")).ToList();
        outcomes.Count(e => e.Count == 0).ShouldBe(6);
        outcomes.Where(e => e.Count > 0).ShouldAllBe(e => e.Single().Code == "FULL");

        // read the stream back: exactly six sign-up events, for six different members who were told yes
        var id = GlobalId.TryDecode(actionId, "CampaignAction")!.Value;
        await using var session = fixture.Services.GetRequiredService<ICampaignsStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        var signUps = events.Select(e => e.Data).OfType<SignedUpForAction>().ToList();
        signUps.Count.ShouldBe(6);
        signUps.Select(s => s.MemberId).Distinct().Count().ShouldBe(6);
        var accepted = members.Where((m, i) => outcomes[i].Count == 0).Select(m => GlobalId.TryDecode(m.MemberId, "Member")!.Value).ToHashSet();
        signUps.Select(s => s.MemberId).ToHashSet().SetEquals(accepted).ShouldBeTrue();
        var action = await session.LoadAsync<CampaignAction>(id);
        action!.SignUpCount.ShouldBe(6);
        CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }))["signUps"]!.GetValue<int>().ShouldBe(6);
        // the entries the handler wrote itself: one per accepted member, none for a race lost (rolled back with its event)
        var entries = await session.Query<SignUps.ActionSignUp>().Where(s => s.ActionId == id).ToListAsync();
        entries.Count.ShouldBe(6);
        entries.Select(s => s.MemberId).ToHashSet().SetEquals(accepted).ShouldBeTrue();
        entries.ShouldAllBe(s => s.Status == SignUps.SignUpStatus.SignedUp);
    }

    [Fact]
    public async Task Parallel_sign_ups_without_a_limit_are_all_kept()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionA = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var actionB = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var members = new List<MemberApi.Person>();
        for (var i = 0; i < 10; i++) members.Add(await fixture.MemberAsync());
        var responses = await Task.WhenAll(members.SelectMany(m => new[] { actionA, actionB }.Select(a => CampaignsApi.SignUpAsync(fixture.NewClient(), m.Token, a))));
        responses.ShouldAllBe(r => r.UserErrors("signUpForAction").Count == 0);
        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["signUps"]!.GetValue<int>().ShouldBe(20);
        progress["participants"]!.GetValue<int>().ShouldBe(10);
    }

    [Fact]
    public async Task No_sign_up_to_cancelled_or_past_actions_and_cancelling_tells_the_members()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var member = await fixture.MemberAsync();
        var cancelled = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        await CampaignsApi.SignUpAsync(fixture.Client, member.Token, cancelled);

        var cancel = await fixture.Client.PostAsync(CampaignsApi.Cancel, new { input = new { actionId = cancelled, reason = "Venue withdrew" } }, organiser.Token);
        cancel["cancelAction.action.status"]!.GetValue<string>().ShouldBe("CANCELLED");
        (await fixture.Client.PostAsync(CampaignsApi.Cancel, new { input = new { actionId = cancelled, reason = "Again" } }, organiser.Token)).UserErrors("cancelAction").Single().Code.ShouldBe("INVALID_STATE");
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, cancelled)).UserErrors("signUpForAction").Single().Code.ShouldBe("INVALID_STATE");
        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["actionsScheduled"]!.GetValue<int>().ShouldBe(0);
        progress["signUps"]!.GetValue<int>().ShouldBe(0);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? text = null;
        while (text is null && DateTime.UtcNow < deadline)
        {
            var notices = await fixture.Client.DataAsync("{ me { notices { nodes { kind text action { id } } } } }", token: member.Token);
            var node = notices["me"]!["notices"]!["nodes"]!.AsArray().FirstOrDefault(n => n!["action"]!["id"]!.GetValue<string>() == cancelled);
            text = node?["text"]?.GetValue<string>();
            if (text is null) await Task.Delay(100);
        }
        text.ShouldNotBeNull();
        text.ShouldContain("Venue withdrew");

        var soon = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddMinutes(30));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, soon)).UserErrors("signUpForAction").Single().Code.ShouldBe("INVALID_STATE");
    }

    [Fact]
    public async Task Organisers_check_in_anyone_and_record_outcomes_and_participation_follows()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, slug) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var start = fixture.Clock.GetUtcNow().AddMinutes(10);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: start);
        var signed = await fixture.MemberAsync();
        var walkIn = await fixture.MemberAsync();
        await CampaignsApi.SignUpAsync(fixture.Client, signed.Token, actionId);

        foreach (var m in new[] { signed, walkIn })
            (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = m.MemberId } }, organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = walkIn.MemberId } }, signed.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        const string Outcome = "mutation($input: RecordActionOutcomeInput!) { recordActionOutcome(input: $input) { action { outcome { summary counts { name value } } } errors { code field } } }";
        var early = await fixture.Client.PostAsync(Outcome, new { input = new { actionId, summary = "Good turnout", counts = new[] { new { name = "papers sold", value = 12 } } } }, organiser.Token);
        early.UserErrors("recordActionOutcome").Single().Code.ShouldBe("INVALID_STATE");
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        var outcome = await fixture.Client.PostAsync(Outcome, new { input = new { actionId, summary = "Good turnout", counts = new[] { new { name = "papers sold", value = 12 }, new { name = "signatures", value = 80 } } } }, organiser.Token);
        outcome.UserErrors("recordActionOutcome").ShouldBeEmpty();
        outcome["recordActionOutcome.action.outcome.counts.1.value"]!.GetValue<int>().ShouldBe(80);
        var badCount = await fixture.Client.PostAsync(Outcome, new { input = new { actionId, summary = "x", counts = new[] { new { name = "", value = -1 } } } }, organiser.Token);
        badCount.UserErrors("recordActionOutcome").Select(e => e.Field).ShouldBe(["input.counts.0.name", "input.counts.0.value"], ignoreOrder: true);

        var progress = CampaignsApi.ProgressOf(await fixture.Client.DataAsync(CampaignsApi.Progress, new { slug }));
        progress["attendances"]!.GetValue<int>().ShouldBe(2);
        progress["participants"]!.GetValue<int>().ShouldBe(2);

        var mine = await fixture.Client.DataAsync("{ me { participation { actionsSignedUp actionsAttended campaigns } } }", token: walkIn.Token);
        mine["me"]!["participation"]!["actionsAttended"]!.GetValue<int>().ShouldBe(1);
        mine["me"]!["participation"]!["actionsSignedUp"]!.GetValue<int>().ShouldBe(0);
        var byOrganiser = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { participation { actionsSignedUp actionsAttended } } } }", new { id = signed.MemberId }, organiser.Token);
        byOrganiser["node"]!["participation"]!["actionsSignedUp"]!.GetValue<int>().ShouldBe(1);

        var otherBranch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var otherOrganiser = await MemberApi.JoinAsync(fixture, otherBranch, "ORGANISER");
        var hidden = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { participation { actionsSignedUp } } } }", new { id = signed.MemberId }, otherOrganiser.Token);
        hidden["node"].ShouldBeNull();

        var participants = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { participants { displayName status } } } }", new { id = actionId }, organiser.Token);
        participants["node"]!["participants"]!.AsArray().Select(p => p!["status"]!.GetValue<string>()).ShouldBe(["ATTENDED", "ATTENDED"], ignoreOrder: true);
        (await fixture.Client.PostAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { participants { displayName } } } }", new { id = actionId }, signed.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }
}
