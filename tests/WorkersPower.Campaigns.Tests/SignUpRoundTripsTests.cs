using WorkersPower.Testing;
using Xunit.Abstractions;

namespace WorkersPower.Campaigns.Tests;

/// <summary>What one sign-up costs in SQL round trips, through the GraphQL mutation as a member sends it.</summary>
public sealed class SignUpRoundTripsTests(CampaignsFixture fixture, ITestOutputHelper output) : IClassFixture<CampaignsFixture>
{
    /// <summary>
    /// The round trips one sign-up makes under its request: the batched read (the action's stream and the member's
    /// copy) and the commit (see bench/analysis/signups.md). The member's entry in the action's list is written by the
    /// handler, not loaded by the inline projection first (a third round trip until then).
    /// </summary>
    public const int MostRoundTrips = 2;

    [Fact]
    public async Task A_sign_up_costs_at_most_a_few_round_trips()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actions = new List<string>();
        for (var i = 0; i < 4; i++) actions.Add(await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, capacity: 10));
        var member = await fixture.MemberAsync();
        // warm: the connection pool, the token check's cache, Marten's and Wolverine's first-use work
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actions[0])).UserErrors("signUpForAction").ShouldBeEmpty();

        using var log = new SqlStatementLog(fixture.ConnectionString);
        var fewest = int.MaxValue;
        foreach (var action in actions.Skip(1))
        {
            log.Reset();
            var answer = await CampaignsApi.SignUpAsync(fixture.Client, member.Token, action);
            answer.UserErrors("signUpForAction").ShouldBeEmpty();
            answer["signUpForAction.action.signUpCount"]!.GetValue<int>().ShouldBe(1);
            answer["signUpForAction.action.mySignUp"]!.GetValue<string>().ShouldBe("SIGNED_UP");
            var statements = log.Statements;
            output.WriteLine($"{statements.Count} round trips:");
            foreach (var s in statements) output.WriteLine("  " + s.ReplaceLineEndings(" "));
            output.WriteLine($"{log.Background.Count} outside the request:");
            foreach (var s in log.Background) output.WriteLine("  " + s.ReplaceLineEndings(" "));
            fewest = Math.Min(fewest, statements.Count);
        }
        fewest.ShouldBeGreaterThan(0);
        fewest.ShouldBeLessThanOrEqualTo(MostRoundTrips);
    }
}
