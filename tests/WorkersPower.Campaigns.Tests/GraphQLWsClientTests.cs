using System.Diagnostics;
using Xunit.Abstractions;
using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public sealed class RealServerCampaignsFixture : CampaignsFixture
{
    protected override bool UseRealServer => true;
}

/// <summary>The graphql-ws npm client (what web clients use), on a real port, receiving live progress.</summary>
public sealed class GraphQLWsClientTests(RealServerCampaignsFixture fixture, ITestOutputHelper output) : IClassFixture<RealServerCampaignsFixture>
{
    [Fact]
    public async Task The_graphql_ws_client_receives_every_change_of_a_campaigns_progress()
    {
        NodeScript.RequirePackage("graphql-ws");
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var members = new[] { await fixture.MemberAsync(), await fixture.MemberAsync() };

        var url = new UriBuilder(fixture.ServerAddress!) { Scheme = "ws", Path = "/graphql" }.Uri.ToString();
        using var node = NodeScript.Start("subscribe.mjs", url, members[0].Token,
            "subscription($id: ID!) { campaignProgress(campaignId: $id) { signUps participants } }", $"{{\"id\":\"{campaignId}\"}}", "3");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task<JsonNode> NextAsync()
        {
            var line = await node.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(await node.StandardError.ReadToEndAsync());
            return JsonNode.Parse(line)!;
        }

        (await NextAsync())["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(0);
        var clock = Stopwatch.StartNew();
        await CampaignsApi.SignUpAsync(fixture.Client, members[0].Token, actionId);
        var answered = clock.Elapsed;
        (await NextAsync())["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(1);
        // reported, not asserted: speed is for the benchmarks
        output.WriteLine($"sign-up answered after {answered.TotalMilliseconds:0} ms; the subscriber had the new value {(clock.Elapsed - answered).TotalMilliseconds:0} ms later");
        await CampaignsApi.SignUpAsync(fixture.Client, members[1].Token, actionId);
        var third = await NextAsync();
        third["data"]!["campaignProgress"]!["signUps"]!.GetValue<int>().ShouldBe(2);
        third["data"]!["campaignProgress"]!["participants"]!.GetValue<int>().ShouldBe(2);
        await node.WaitForExitAsync(timeout.Token);
        node.ExitCode.ShouldBe(0, await node.StandardError.ReadToEndAsync());
    }
}
