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

    /// <summary>
    /// Not a timed assertion: prints what one sign-up costs the whole test process (CPU time and bytes allocated,
    /// background work included) over a loop of sign-ups through the GraphQL mutation, for bench/analysis/signups.md.
    /// </summary>
    [Fact]
    public async Task What_a_sign_up_costs_in_cpu_and_allocations()
    {
        const int warm = 20, measured = 150;
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actions = new List<string>();
        for (var i = 0; i < warm + measured; i++) actions.Add(await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, capacity: 10));
        var member = await fixture.MemberAsync();
        foreach (var action in actions.Take(warm))
            (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, action)).UserErrors("signUpForAction").ShouldBeEmpty();

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var (cpu, bytes) = (process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var action in actions.Skip(warm))
            (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, action)).UserErrors("signUpForAction").ShouldBeEmpty();
        clock.Stop();
        process.Refresh();
        var perSignUpKb = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / 1024.0 / measured;
        var perSignUpCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds / measured;
        output.WriteLine(FormattableString.Invariant(
            $"{measured} sign-ups, one after another: {perSignUpKb:F1} KB allocated and {perSignUpCpu:F2} ms CPU per sign-up (whole process), {clock.Elapsed.TotalMilliseconds / measured:F2} ms each"));
        perSignUpKb.ShouldBeGreaterThan(0);
    }
}
