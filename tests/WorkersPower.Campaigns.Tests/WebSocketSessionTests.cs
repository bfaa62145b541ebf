using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Default re-check interval (30 s): within a test, only operations and the token's expiry re-check.</summary>
public sealed class WebSocketSessionFixture : CampaignsFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<ISchemaContributor, TestFields>();
        services.AddSingleton<IMutationField, TestFields.SlowMutation>();
    }
}

/// <summary>A WebSocket lives no longer than its token holds: expiry, and a refusal at the next operation.</summary>
public sealed class WebSocketSessionTests(WebSocketSessionFixture fixture) : IClassFixture<WebSocketSessionFixture>
{
    private async Task<WebSocket> ConnectAsync()
    {
        var client = fixture.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        return await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, object message) => WebSocketJson.SendAsync(socket, message);

    private static Task<JsonNode?> ReceiveAsync(WebSocket socket, int seconds = 10) => WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(seconds));

    private static async Task<WebSocket> InitAsync(WebSocket socket, string token)
    {
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    /// <summary>The same account and roles as <paramref name="token"/>, valid until <paramref name="expires"/>.</summary>
    private static string Expiring(string token, DateTime expires)
    {
        var times = new[] { "exp", "nbf", "iat", "iss", "aud" };
        var claims = new JsonWebTokenHandler().ReadJsonWebToken(token).Claims.Where(c => !times.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value));
        return Tokens.Make(claims, expires: expires);
    }

    [Fact]
    public async Task The_socket_closes_with_4403_when_its_token_expires_even_when_no_operation_comes()
    {
        var token = Expiring(await fixture.AdminTokenAsync(), DateTime.UtcNow.AddSeconds(3));
        using var socket = await InitAsync(await ConnectAsync(), token);
        var clock = Stopwatch.StartNew();
        await SendAsync(socket, new { id = "running", type = "subscribe", payload = new { query = "subscription { testLateValue(afterMs: 600000) }" } });

        (await ReceiveAsync(socket, 15)).ShouldBeNull("nothing but the close comes");
        ((int?)socket.CloseStatus).ShouldBe(4403);
        socket.CloseStatusDescription.ShouldBe("The access token has expired");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_token_that_expired_within_the_clock_skew_is_refused_at_connection_init()
    {
        var token = Expiring(await fixture.AdminTokenAsync(), DateTime.UtcNow.AddSeconds(-5)); // HTTP still takes it for 25 s
        using var socket = await ConnectAsync();
        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        (await ReceiveAsync(socket)).ShouldBeNull();
        ((int?)socket.CloseStatus).ShouldBe(4403);
    }

    [Fact]
    public async Task The_next_operation_after_a_role_is_revoked_closes_the_socket_and_runs_nothing()
    {
        var organiser = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        using var socket = await InitAsync(await ConnectAsync(), organiser.Token);
        await SendAsync(socket, new { id = "running", type = "subscribe", payload = new { query = "subscription { testLateValue(afterMs: 600000) }" } });
        await SendAsync(socket, new { id = "before", type = "subscribe", payload = new { query = "{ __typename }" } });
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("next");
        (await ReceiveAsync(socket))!["type"]!.GetValue<string>().ShouldBe("complete");

        var revoked = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { revokeRole(input: $input) { errors { code message } } }",
            new { input = new { memberId = organiser.MemberId, role = "ORGANISER" } }, await fixture.AdminTokenAsync());
        revoked.UserErrors("revokeRole").ShouldBeEmpty();
        await Task.Delay(TimeSpan.FromSeconds(5.5)); // the token check's answers are kept 5 seconds, as on HTTP

        await SendAsync(socket, new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        (await ReceiveAsync(socket)).ShouldBeNull("the operation did not run");
        ((int?)socket.CloseStatus).ShouldBe(4403);
        // the same token over HTTP is refused too
        (await fixture.Client.PostAsync("{ __typename }", token: organiser.Token)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }
}
