using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
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
public sealed class WebSocketTests(WebSocketFixture fixture) : IClassFixture<WebSocketFixture>
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

    [Fact]
    public async Task One_change_costs_one_progress_query_on_the_node_whatever_the_number_of_subscribers()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        var sockets = new List<WebSocket>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var socket = await InitAsync(await ConnectAsync());
                sockets.Add(socket);
                await SendAsync(socket, new { id = "p", type = "subscribe", payload = new { query = "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps } }", variables = new { id = campaignId } } });
                (await ReceiveAsync(socket))!["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(0);
            }
            await Task.Delay(300); // the first values' loads are done
            using var loads = new SqlCounter(fixture.ConnectionString, statementContains: "from campaigns.mt_doc_campaignprogress p where");

            await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId);
            foreach (var socket in sockets)
                (await ReceiveAsync(socket))!["payload"]!["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(1);
            await Task.Delay(300);
            loads.Count.ShouldBe(1, "five subscribers, one change: one query");
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
