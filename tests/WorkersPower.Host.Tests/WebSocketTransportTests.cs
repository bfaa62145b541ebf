using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Host.GraphQL.Execution;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The WebSocket transport prepares requests as HTTP does: the same validated-document cache, with the same rules.</summary>
public sealed class WebSocketTransportTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private async Task<WebSocket> ConnectAsync()
    {
        var client = fixture.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
        await WebSocketJson.SendAsync(socket, new { type = "connection_init" });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    private static Task<JsonNode?> ReceiveAsync(WebSocket socket) => WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(10));

    /// <summary>Runs the operation under <paramref name="id"/>; its "next" message.</summary>
    private static async Task<JsonNode> RunAsync(WebSocket socket, string id, string query)
    {
        await WebSocketJson.SendAsync(socket, new { id, type = "subscribe", payload = new { query } });
        var next = await ReceiveAsync(socket);
        next!["id"]!.GetValue<string>().ShouldBe(id);
        next["type"]!.GetValue<string>().ShouldBe("next");
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("complete");
        return next;
    }

    [Fact]
    public async Task The_same_query_twice_over_a_socket_is_kept_once_and_taken_from_the_cache_the_second_time()
    {
        var cache = fixture.Services.GetRequiredService<ValidatedDocuments>();
        var query = $"query Typename{Guid.NewGuid():N} {{ __typename }}";
        using var socket = await ConnectAsync();

        (await RunAsync(socket, "1", query))["payload"]!["data"]!["__typename"]!.GetValue<string>().ShouldBe("Query");
        cache.Texts.Count(t => t == query).ShouldBe(1);
        var hits = cache.Hits;

        (await RunAsync(socket, "2", query))["payload"]!["data"]!["__typename"]!.GetValue<string>().ShouldBe("Query");
        cache.Texts.Count(t => t == query).ShouldBe(1);
        cache.Hits.ShouldBe(hits + 1);
    }

    [Fact]
    public async Task A_mutation_with_literals_over_a_socket_is_not_kept()
    {
        var cache = fixture.Services.GetRequiredService<ValidatedDocuments>();
        var password = $"inline-password-{Guid.NewGuid():N}";
        var inline = $$"""mutation { signIn(input: { email: "{{MembershipApi.UniqueEmail("nobody")}}", password: "{{password}}" }) { accessToken errors { code } } }""";
        using var socket = await ConnectAsync();

        var next = await RunAsync(socket, "m", inline);
        next["payload"]!["data"]!["signIn"]!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("INVALID_CREDENTIALS"); // it ran
        cache.Texts.ShouldNotContain(t => t.Contains(password, StringComparison.Ordinal));
    }
}
