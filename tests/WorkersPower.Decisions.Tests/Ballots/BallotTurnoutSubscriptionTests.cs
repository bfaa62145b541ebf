using System.Net.WebSockets;
using System.Text.Json.Nodes;
using WorkersPower.Testing;
using static WorkersPower.Decisions.Tests.Ballots.BallotApi;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>ballotTurnout over graphql-transport-ws: the current value, then one per vote and at the close; nothing for who may not see the ballot.</summary>
public sealed class BallotTurnoutSubscriptionTests(BallotsFixture fixture) : IClassFixture<BallotsFixture>
{
    private const string Subscription = "subscription($id: ID!) { ballotTurnout(ballotId: $id) { ballotId turnout electorateSize quorumReached status } }";

    [Fact]
    public async Task A_member_of_the_scope_sees_the_turnout_now_then_after_every_vote_and_at_the_close()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 3);
        var ballot = await fixture.DefineBallotAsync(branch, chair, quorum: 0.5m);
        (await OpenAsync(fixture.Client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        using var socket = await ConnectAsync(BallotsFixture.TokenFor(m[2]));
        await WebSocketJson.SendAsync(socket, new { id = "t", type = "subscribe", payload = new { query = Subscription, variables = new { id = BallotsFixture.BallotGlobalId(ballot) } } });
        (await NextAsync(socket)).ShouldBe((0, 3, false, "OPEN"));
        (await VoteAsync(fixture.Client, ballot, BallotsFixture.TokenFor(m[0]), ["YES"])).ShouldSucceed();
        (await NextAsync(socket)).ShouldBe((1, 3, false, "OPEN"));
        (await VoteAsync(fixture.Client, ballot, BallotsFixture.TokenFor(m[1]), ["NO"])).ShouldSucceed();
        (await NextAsync(socket)).ShouldBe((2, 3, true, "OPEN"));
        (await CloseAsync(fixture.Client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        (await NextAsync(socket)).ShouldBe((2, 3, true, "CLOSED"));
    }

    [Fact]
    public async Task A_member_of_another_branch_gets_no_turnout()
    {
        var branch = Guid.NewGuid();
        var ballot = await fixture.DefineBallotAsync(branch, Guid.NewGuid());
        var outsider = fixture.Electorate.Join(Guid.NewGuid(), 1)[0];
        using var socket = await ConnectAsync(BallotsFixture.TokenFor(outsider));
        await WebSocketJson.SendAsync(socket, new { id = "t", type = "subscribe", payload = new { query = Subscription, variables = new { id = BallotsFixture.BallotGlobalId(ballot) } } });
        var message = (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(15)))!;
        message["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("NOT_FOUND", message.ToJsonString());
        message["payload"]!["data"].ShouldBeNull();
    }

    private async Task<WebSocket> ConnectAsync(string token)
    {
        var client = fixture.Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(fixture.Factory.Server.BaseAddress, "graphql"), CancellationToken.None);
        await WebSocketJson.SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(15)))!["type"]!.GetValue<string>().ShouldBe("connection_ack");
        return socket;
    }

    private static async Task<(int Turnout, int Electorate, bool Quorum, string Status)> NextAsync(WebSocket socket)
    {
        var message = (await WebSocketJson.ReceiveAsync(socket, TimeSpan.FromSeconds(15)))!;
        message["type"]!.GetValue<string>().ShouldBe("next", message.ToJsonString());
        JsonNode t = message["payload"]!["data"]!["ballotTurnout"]!;
        return (t["turnout"]!.GetValue<int>(), t["electorateSize"]!.GetValue<int>(), t["quorumReached"]!.GetValue<bool>(), t["status"]!.GetValue<string>());
    }
}
