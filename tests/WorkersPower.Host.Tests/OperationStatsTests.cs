using WorkersPower.Host.Telemetry;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The in-memory figures behind the operator's page: percentiles, the hour's window, the cap on names.</summary>
public sealed class OperationStatsTests
{
    [Fact]
    public void The_slowest_operations_come_first_with_their_percentiles_and_errors()
    {
        var stats = new OperationStats(new TestClock());
        for (var i = 1; i <= 100; i++) stats.Record("FastQuery", "query", TimeSpan.FromMilliseconds(i % 2 == 0 ? 2 : 4), failed: false);
        for (var i = 1; i <= 100; i++) stats.Record("SignUp", "mutation", TimeSpan.FromMilliseconds(i), failed: i > 98);

        var slowest = stats.Slowest(TimeSpan.FromHours(1), 10);
        slowest.Select(s => s.Name).ShouldBe(["SignUp", "FastQuery"]);
        var signUp = slowest[0];
        signUp.Type.ShouldBe("mutation");
        signUp.Count.ShouldBe(100);
        signUp.Errors.ShouldBe(2);
        signUp.P50Milliseconds.ShouldBe(50);
        signUp.P95Milliseconds.ShouldBe(100);
        signUp.P99Milliseconds.ShouldBe(100);
        signUp.MaxMilliseconds.ShouldBe(100);
        slowest[1].P50Milliseconds.ShouldBe(2);
        slowest[1].P95Milliseconds.ShouldBe(4);
    }

    [Fact]
    public void Minutes_older_than_the_window_are_left_out_and_empty_minutes_shown()
    {
        var clock = new TestClock();
        var stats = new OperationStats(clock);
        stats.Record("Old", "query", TimeSpan.FromMilliseconds(500), failed: true);
        clock.Advance(TimeSpan.FromMinutes(61));
        stats.Record("New", "query", TimeSpan.FromMilliseconds(5), failed: false);

        stats.Slowest(TimeSpan.FromHours(1), 10).Select(s => s.Name).ShouldBe(["New"]);
        var minutes = stats.PerMinute(TimeSpan.FromHours(1));
        minutes.Count.ShouldBe(60);
        minutes.Sum(m => m.Count).ShouldBe(1);
        minutes.Sum(m => m.Errors).ShouldBe(0);
        minutes[^1].Count.ShouldBe(1);
        minutes[^1].P95Milliseconds.ShouldBe(5);
        minutes.Zip(minutes.Skip(1)).ShouldAllBe(p => p.Second.Start - p.First.Start == TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Names_are_checked_and_capped()
    {
        var stats = new OperationStats(new TestClock());
        stats.NameFor("MemberQuery", "abc").ShouldBe("MemberQuery");
        stats.NameFor(null, "web:0123abcd").ShouldBe("web:0123abcd");
        stats.NameFor(null, null).ShouldBe(OperationStats.Anonymous);
        stats.NameFor("not a name; drop table", null).ShouldBe(OperationStats.Anonymous);
        stats.NameFor(new string('a', 101), null).ShouldBe(OperationStats.Anonymous);
        for (var i = 0; i < OperationStats.MaxNames; i++) stats.NameFor($"Invented{i}", null);
        stats.NameFor("OneTooMany", null).ShouldBe(OperationStats.Other);
        stats.NameFor("MemberQuery", null).ShouldBe("MemberQuery");
    }
}
