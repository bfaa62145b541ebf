using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public sealed class WebSocketLimitsFixture : CampaignsFixture
{
    public const string Proxy = "10.9.9.9";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["GraphQL:MaxSubscriptionsPerSocket"] = "2";
        settings["GraphQL:MaxSocketsPerAddress"] = "2";
        settings["GraphQL:Timeout"] = "00:00:02";
        settings["Proxy:KnownProxies"] = Proxy;
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ISchemaContributor, TestFields>();
        services.AddSingleton<IMutationField, TestFields.SlowMutation>();
    }
}

/// <summary>The WebSocket transport's limits: subscriptions per socket, sockets per client address, execution time.</summary>
public sealed class WebSocketLimitsTests(WebSocketLimitsFixture fixture) : IClassFixture<WebSocketLimitsFixture>
{
    /// <summary>A socket as if from <paramref name="address"/>, through a proxy when <paramref name="forwardedFor"/> is given.</summary>
    private async Task<WebSocket> ConnectAsync(string address, string? forwardedFor = null)
    {
        var client = fixture.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        client.ConfigureRequest = request =>
        {
            request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (forwardedFor is not null) request.Headers["X-Forwarded-For"] = forwardedFor;
        };
        return await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, object message) => WebSocketJson.SendAsync(socket, message);

    private static Task<JsonNode?> ReceiveAsync(WebSocket socket, int seconds = 10) => WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(seconds));

    /// <summary>Sends connection_init; the socket's first answer: "connection_ack", or null when it was closed instead.</summary>
    private static async Task<string?> InitAsync(WebSocket socket)
    {
        await SendAsync(socket, new { type = "connection_init" });
        return (await ReceiveAsync(socket))?["type"]?.GetValue<string>();
    }

    private static object Late(string id, int afterMs) =>
        new { id, type = "subscribe", payload = new { query = "subscription($ms: Int!) { testLateValue(afterMs: $ms) }", variables = new { ms = afterMs } } };

    [Fact]
    public async Task A_subscription_over_the_cap_gets_an_error_for_its_id_and_the_socket_stays()
    {
        using var socket = await ConnectAsync("10.1.0.1");
        (await InitAsync(socket)).ShouldBe("connection_ack");
        await SendAsync(socket, Late("s1", 600_000));
        await SendAsync(socket, Late("s2", 600_000));
        await SendAsync(socket, Late("s3", 600_000));
        var refused = await ReceiveAsync(socket);
        refused!["id"]!.GetValue<string>().ShouldBe("s3");
        refused["type"]!.GetValue<string>().ShouldBe("error");
        refused["payload"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("LIMIT_EXCEEDED");
        refused["payload"]![0]!["message"]!.GetValue<string>().ShouldContain("At most 2 subscriptions");

        // queries do not count, and a completed subscription frees its place
        await SendAsync(socket, new { id = "q", type = "subscribe", payload = new { query = "{ __typename }" } });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("next");
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("complete");
        await SendAsync(socket, new { id = "s1", type = "complete" });
        await SendAsync(socket, Late("s4", 50));
        var late = await ReceiveAsync(socket);
        late!["id"]!.GetValue<string>().ShouldBe("s4");
        late["payload"]!["data"]!["testLateValue"]!.GetValue<string>().ShouldBe("late");
    }

    [Fact]
    public async Task A_socket_over_the_cap_of_its_address_is_closed_with_4429_and_a_reason()
    {
        using var first = await ConnectAsync("10.2.0.1");
        using var second = await ConnectAsync("10.2.0.1");
        (await InitAsync(first)).ShouldBe("connection_ack");
        (await InitAsync(second)).ShouldBe("connection_ack");
        using (var third = await ConnectAsync("10.2.0.1"))
        {
            (await ReceiveAsync(third)).ShouldBeNull();
            ((int?)third.CloseStatus).ShouldBe(4429);
            third.CloseStatusDescription.ShouldBe("Too many connections from your address");
        }
        using (var elsewhere = await ConnectAsync("10.2.0.2")) (await InitAsync(elsewhere)).ShouldBe("connection_ack");

        // a closed socket gives its place back
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var again = await ConnectAsync("10.2.0.1");
            var answer = await InitAsync(again);
            if (answer == "connection_ack") break;
            deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the closed socket's place never came back");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_forwarded_client_address_is_counted()
    {
        using var first = await ConnectAsync(WebSocketLimitsFixture.Proxy, "203.0.113.5");
        using var second = await ConnectAsync(WebSocketLimitsFixture.Proxy, "203.0.113.5");
        (await InitAsync(first)).ShouldBe("connection_ack");
        (await InitAsync(second)).ShouldBe("connection_ack");
        using (var third = await ConnectAsync(WebSocketLimitsFixture.Proxy, "203.0.113.5"))
        {
            (await ReceiveAsync(third)).ShouldBeNull();
            ((int?)third.CloseStatus).ShouldBe(4429);
        }
        // another client behind the same proxy has places of its own
        using (var other = await ConnectAsync(WebSocketLimitsFixture.Proxy, "203.0.113.6")) (await InitAsync(other)).ShouldBe("connection_ack");
        // X-Forwarded-For from an address that is not a known proxy is not believed
        using (var direct = await ConnectAsync("10.3.0.1", "203.0.113.5")) (await InitAsync(direct)).ShouldBe("connection_ack");
    }

    [Fact]
    public async Task Queries_and_mutations_over_the_socket_time_out_as_on_HTTP_while_subscriptions_do_not()
    {
        var http = await fixture.Client.PostAsync("{ testSlowQuery }");
        http.Body.ShouldContain("timed out");

        using var socket = await ConnectAsync("10.4.0.1");
        (await InitAsync(socket)).ShouldBe("connection_ack");
        var clock = Stopwatch.StartNew();
        await SendAsync(socket, Late("tick", 4_000)); // twice the 2-second timeout
        await SendAsync(socket, new { id = "q", type = "subscribe", payload = new { query = "{ testSlowQuery }" } });
        await SendAsync(socket, new { id = "m", type = "subscribe", payload = new { query = "mutation { testSlowMutation }" } });

        var answers = new Dictionary<string, List<JsonNode>>();
        bool Has(string id, params string[] types) => answers.TryGetValue(id, out var list) && list.Any(m => types.Contains(m["type"]!.GetValue<string>()));
        while (!Has("q", "complete", "error") || !Has("m", "complete", "error") || !Has("tick", "next"))
        {
            var message = await ReceiveAsync(socket, 20) ?? throw new InvalidOperationException($"closed with {socket.CloseStatus}");
            var id = message["id"]!.GetValue<string>();
            if (!answers.TryGetValue(id, out var list)) answers[id] = list = [];
            list.Add(message);
        }
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "neither ran its minute");
        foreach (var id in new[] { "q", "m" })
            answers[id][0].ToJsonString().ToLowerInvariant().ShouldContain("timed out", customMessage: answers[id][0].ToJsonString());
        answers["tick"][0]["payload"]!["data"]!["testLateValue"]!.GetValue<string>().ShouldBe("late");
    }
}
