using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public sealed class WebSocketFixture : CampaignsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["GraphQL:ConnectionInitTimeout"] = "00:00:01";
        settings["GraphQL:WebSocketRecheckInterval"] = "00:00:01";
        return settings;
    }
}

/// <summary>The graphql-transport-ws protocol at /graphql, message by message.</summary>
public sealed class WebSocketTests(WebSocketFixture fixture, ITestOutputHelper output) : IClassFixture<WebSocketFixture>
{
    private async Task<WebSocket> ConnectAsync(string? protocol = "graphql-transport-ws")
    {
        var client = fixture.Factory.Server.CreateWebSocketClient();
        if (protocol is not null) client.SubProtocols.Add(protocol);
        return await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, object message) => WebSocketJson.SendAsync(socket, message);

    private static Task<JsonNode?> ReceiveAsync(WebSocket socket, int seconds = 10) => WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(seconds));

    private static async Task<int?> ClosedWithAsync(WebSocket socket)
    {
        while (await ReceiveAsync(socket) is not null) { }
        return (int?)socket.CloseStatus;
    }

    private static async Task<WebSocket> InitAsync(WebSocket socket, object? payload = null)
    {
        await SendAsync(socket, new { type = "connection_init", payload });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    [Fact]
    public async Task A_subscription_delivers_the_current_value_and_then_every_change()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();

        using var socket = await InitAsync(await ConnectAsync(), new { Authorization = "Bearer " + member.Token });
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps participants } }", variables = new { id = campaignId } } });
        var first = await ReceiveAsync(socket);
        first!["type"]!.GetValue<string>().ShouldBe("next");
        first["id"]!.GetValue<string>().ShouldBe("1");
        first["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(0);

        await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
        (await ReceiveAsync(socket))!["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(1);

        await SendAsync(socket, new { type = "ping" });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("pong");

        await SendAsync(socket, new { id = "1", type = "complete" });
        await SendAsync(socket, new { id = "2", type = "subscribe", payload = new { query = "{ campaigns(first: 1) { totalCount } }" } });
        var query = await ReceiveAsync(socket);
        query!["id"]!.GetValue<string>().ShouldBe("2");
        query["type"]!.GetValue<string>().ShouldBe("next");
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("complete");
    }

    [Fact]
    public async Task Suspending_a_member_ends_their_subscriptions_even_when_no_operation_comes()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var member = await fixture.MemberAsync();
        using var socket = await InitAsync(await ConnectAsync(), new { Authorization = "Bearer " + member.Token });
        await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }", variables = new { id = campaignId } } });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("next");

        var suspended = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = member.MemberId, reason = "Test" }, await fixture.AdminTokenAsync());
        suspended.UserErrors("suspendMember").ShouldBeEmpty();
        // within the token check's 5-second cache and the 1-second re-check interval of this fixture
        while (await ReceiveAsync(socket, 20) is { } message) message["type"]!.GetValue<string>().ShouldBe("next");
        ((int?)socket.CloseStatus).ShouldBe(4403);
    }

    private const string ProgressSubscription = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }";

    /// <summary>The progress loads of the node: SQL statements reading a campaign's progress row, inside a request or not.</summary>
    /// <summary>Returns once this node's progress loads have stopped for half a second (at most 15 s): what is in flight is done.</summary>
    private async Task SettledAsync()
    {
        var streams = fixture.Services.GetRequiredService<ProgressStreams<ProgressView>>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var last = streams.Loads; ; )
        {
            await Task.Delay(500);
            if (streams.Loads == last || DateTime.UtcNow > deadline) return;
            last = streams.Loads;
        }
    }

    private SqlCounter ProgressLoads() => new(fixture.ConnectionString, statementContains: "from campaigns.mt_doc_campaignprogress p where");

    private async Task<List<WebSocket>> SubscribeAsync(string campaignId, int count, int expected)
    {
        var sockets = new List<WebSocket>();
        for (var i = 0; i < count; i++)
        {
            var socket = await InitAsync(await ConnectAsync());
            sockets.Add(socket);
            await SendAsync(socket, new { id = "p", type = "subscribe", payload = new { query = ProgressSubscription, variables = new { id = campaignId } } });
            (await SignUpsAsync(socket)).ShouldBe(expected);
        }
        return sockets;
    }

    private static async Task<int> SignUpsAsync(WebSocket socket, int seconds = 10)
    {
        var message = await ReceiveAsync(socket, seconds);
        message!["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
        return message["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>();
    }

    [Fact]
    public async Task One_change_costs_one_progress_query_on_the_node_whatever_the_number_of_subscribers()
    {
        const int subscribers = 50;
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        var sockets = await SubscribeAsync(campaignId, subscribers, expected: 0);
        try
        {
            await SettledAsync(); // the first values' loads are done
            using var loads = ProgressLoads();

            (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
            foreach (var socket in sockets) (await SignUpsAsync(socket)).ShouldBe(1);
            await Task.Delay(300);
            output.WriteLine($"{subscribers} subscribers, one sign-up: {loads.Count} progress queries");
            loads.Count.ShouldBe(1, $"{subscribers} subscribers, one change: one query");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    [Fact]
    public async Task A_burst_of_changes_reaches_every_subscriber_in_order_ending_on_the_last_value_with_at_most_one_query_per_change()
    {
        const int subscribers = 50, signUps = 20;
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionIds = new List<string>();
        for (var i = 0; i < signUps; i++) actionIds.Add(await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId));
        var member = await fixture.MemberAsync();
        var sockets = await SubscribeAsync(campaignId, subscribers, expected: 0);
        try
        {
            await SettledAsync(); // the first values' loads are done
            using var loads = ProgressLoads();

            // all at once: the notices come while loads run, and are coalesced
            var answers = await Task.WhenAll(actionIds.Select(id => CampaignsApi.SignUpAsync(fixture.Client, member.Token, id)));
            foreach (var answer in answers) answer.UserErrors("signUpForAction").ShouldBeEmpty(answer.Body);

            var deliveries = 0;
            foreach (var socket in sockets)
            {
                // each value is newer than the one before, and the last one is the final count
                var last = 0;
                while (last < signUps)
                {
                    var value = await SignUpsAsync(socket);
                    value.ShouldBeGreaterThan(last, "never an older value after a newer one, never the same one twice");
                    last = value;
                    deliveries++;
                }
            }
            await Task.Delay(500);
            var queries = loads.Count;
            output.WriteLine($"{subscribers} subscribers, {signUps} concurrent sign-ups: {queries} progress queries, {deliveries} values delivered");
            queries.ShouldBeLessThanOrEqualTo(signUps, "at most one query per change, whatever the number of subscribers");

            // nothing after the final value (a late notice reloads, but an equal value is not sent again)
            var more = sockets[0].ReceiveAsync(new byte[1024], CancellationToken.None);
            (await Task.WhenAny(more, Task.Delay(500))).ShouldNotBe(more, "a value after the final one");

            // one who joins now gets the current value first
            var late = await SubscribeAsync(campaignId, 1, expected: signUps);
            late.Single().Dispose();
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    [Fact]
    public async Task A_bad_document_gets_an_error_message_and_the_connection_stays()
    {
        using var socket = await InitAsync(await ConnectAsync());
        await SendAsync(socket, new { id = "a", type = "subscribe", payload = new { query = "subscription { noSuchField }" } });
        var error = await ReceiveAsync(socket);
        error!["type"]!.GetValue<string>().ShouldBe("error");
        error["payload"]!.AsArray().Count.ShouldBeGreaterThan(0);
        await SendAsync(socket, new { type = "ping" });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("pong");
    }

    [Fact]
    public async Task Close_codes_follow_the_protocol()
    {
        using (var socket = await ConnectAsync())
        {
            await SendAsync(socket, new { id = "1", type = "subscribe", payload = new { query = "{ campaigns { totalCount } }" } });
            (await ClosedWithAsync(socket)).ShouldBe(4401);
        }
        using (var socket = await InitAsync(await ConnectAsync()))
        {
            await SendAsync(socket, new { type = "connection_init" });
            (await ClosedWithAsync(socket)).ShouldBe(4429);
        }
        using (var socket = await InitAsync(await ConnectAsync()))
        {
            var organiser = await fixture.OrganiserAsync();
            var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
            var subscribe = new { id = "same", type = "subscribe", payload = new { query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }", variables = new { id = campaignId } } };
            await SendAsync(socket, subscribe);
            await ReceiveAsync(socket);
            await SendAsync(socket, subscribe);
            (await ClosedWithAsync(socket)).ShouldBe(4409);
        }
        using (var socket = await ConnectAsync())
        {
            await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });
            (await ClosedWithAsync(socket)).ShouldBe(4403);
        }
        using (var socket = await ConnectAsync())
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes("{not json"), WebSocketMessageType.Text, true, CancellationToken.None);
            (await ClosedWithAsync(socket)).ShouldBe(4400);
        }
        using (var socket = await ConnectAsync())
        {
            (await ClosedWithAsync(socket)).ShouldBe(4408); // no connection_init within the (1 s) timeout
        }
        using (var socket = await ConnectAsync(protocol: null))
        {
            (await ClosedWithAsync(socket)).ShouldBe(4406);
        }
    }
}
