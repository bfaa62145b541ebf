using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>The actionCounts subscription: one action's counts, live on every node, through the campaign progress path.</summary>
public sealed class ActionCountsTests(TwoNodeFixture fixture) : IClassFixture<TwoNodeFixture>
{
    private const string Subscription = "subscription($id: ID!) { actionCounts(actionId: $id) { actionId signUps attendances capacity placesLeft status } }";

    private static async Task<WebSocket> ConnectAsync(PlatformFactory node, string? token = null)
    {
        var client = node.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(node.Server.BaseAddress, "graphql"), CancellationToken.None);
        await WebSocketJson.SendAsync(socket, new { type = "connection_init", payload = token is null ? null : new { Authorization = "Bearer " + token } });
        (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    private static async Task<WebSocket> SubscribeAsync(PlatformFactory node, string actionId, string? token = null)
    {
        var socket = await ConnectAsync(node, token);
        await WebSocketJson.SendAsync(socket, new { id = "c", type = "subscribe", payload = new { query = Subscription, variables = new { id = actionId } } });
        return socket;
    }

    /// <summary>The next message's counts.</summary>
    private static async Task<JsonNode?> NextCountsAsync(WebSocket socket)
    {
        var message = (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!;
        message["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
        return message["payload"]!["data"]!["actionCounts"];
    }

    [Fact]
    public async Task A_check_in_through_node_A_reaches_subscribers_of_that_action_on_both_nodes_and_another_actions_change_sends_nothing()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, capacity: 10);
        var otherActionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        var other = await fixture.MemberAsync();
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();

        // anyone may watch the counts (they are public, as the action's own fields are): one signed out on node B, one organiser on node A
        using var onB = await SubscribeAsync(fixture.Second, actionId);
        using var onA = await SubscribeAsync(fixture.Factory, actionId, organiser.Token);
        foreach (var socket in new[] { onA, onB })
        {
            var first = (await NextCountsAsync(socket))!;
            first["actionId"]!.GetValue<string>().ShouldBe(actionId);
            (first["signUps"]!.GetValue<int>(), first["attendances"]!.GetValue<int>(), first["capacity"]!.GetValue<int>(), first["placesLeft"]!.GetValue<int>(), first["status"]!.GetValue<string>())
                .ShouldBe((1, 0, 10, 9, "SCHEDULED"));
        }

        // another action of the same campaign changes: its campaign's progress moves, these counts do not, and nothing is sent
        (await CampaignsApi.SignUpAsync(fixture.Client, other.Token, otherActionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId = otherActionId, memberId = other.MemberId } }, organiser.Token))
            .UserErrors("checkInAttendee").ShouldBeEmpty();
        // (had anything been sent for it, it would be the next message read below, before the check-in's)
        await Task.Delay(1500);

        // a check-in at this action, through node A: both nodes' subscribers get the new counts, as their next message
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, new { input = new { actionId, memberId = member.MemberId } }, organiser.Token))
            .UserErrors("checkInAttendee").ShouldBeEmpty();
        foreach (var socket in new[] { onA, onB })
        {
            var next = (await NextCountsAsync(socket))!;
            (next["signUps"]!.GetValue<int>(), next["attendances"]!.GetValue<int>(), next["placesLeft"]!.GetValue<int>()).ShouldBe((1, 1, 9));
        }

        // a sign-up moves the places left
        (await CampaignsApi.SignUpAsync(fixture.Client, other.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        (await NextCountsAsync(onB))!["placesLeft"]!.GetValue<int>().ShouldBe(8);
    }

    [Fact]
    public async Task One_change_costs_one_counts_query_per_node_whatever_the_number_of_subscribers()
    {
        const int perNode = 5;
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        var sockets = new List<WebSocket>();
        try
        {
            foreach (var node in new[] { fixture.Factory, fixture.Second })
                for (var i = 0; i < perNode; i++)
                {
                    var socket = await SubscribeAsync(node, actionId);
                    sockets.Add(socket);
                    (await NextCountsAsync(socket))!["signUps"]!.GetValue<int>().ShouldBe(0);
                }
            var streams = new[] { fixture.Factory.Services, fixture.Second.Services }.Select(s => s.GetRequiredService<ProgressStreams<ActionCountsView>>()).ToList();
            var before = await SettledLoadsAsync(streams);
            using var queries = new SqlCounter(fixture.ConnectionString, statementContains: "from campaigns.mt_doc_campaignaction a where");

            (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
            foreach (var socket in sockets) (await NextCountsAsync(socket))!["signUps"]!.GetValue<int>().ShouldBe(1);
            await SettledLoadsAsync(streams);
            streams[0].Loads.ShouldBe(before[0] + 1, "node A: one load for its subscribers");
            streams[1].Loads.ShouldBe(before[1] + 1, "node B: one load for its subscribers");
            queries.Count.ShouldBe(2, $"{perNode} subscribers on each of two nodes, one change: one query per node");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    [Fact]
    public async Task An_unknown_action_is_refused_as_not_found()
    {
        using var socket = await SubscribeAsync(fixture.Factory, Platform.GlobalId.Encode("CampaignAction", Guid.NewGuid()));
        var message = (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10)))!;
        message.ToJsonString().ShouldContain("NOT_FOUND");
    }

    private static async Task<List<long>> SettledLoadsAsync(List<ProgressStreams<ActionCountsView>> streams)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = streams.Select(s => s.Loads).ToList();
        while (true)
        {
            await Task.Delay(500);
            var now = streams.Select(s => s.Loads).ToList();
            if (now.SequenceEqual(last) || DateTime.UtcNow > deadline) return now;
            last = now;
        }
    }
}
