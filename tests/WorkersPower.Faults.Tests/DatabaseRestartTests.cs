using System.Collections.Concurrent;
using System.Diagnostics;
using WorkersPower.Testing;
using Xunit.Abstractions;
using Codes = WorkersPower.Platform.ErrorCodes;

namespace WorkersPower.Faults.Tests;

/// <summary>
/// PostgreSQL crashes and comes back while the host is under load: the host says it is not ready, answers
/// UNAVAILABLE rather than failing obscurely, becomes ready again by itself, and every mutation it
/// acknowledged is still there afterwards.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private const int Workers = 6;

    [Fact]
    public async Task Database_crash_under_load_host_goes_not_ready_then_recovers_by_itself_and_loses_no_acknowledged_write()
    {
        await using var pg = await PrivatePostgres.StartAsync();
        var connectionString = await pg.CreateDatabaseAsync("faults_restart");
        await using var host = await HostProcess.StartAsync(connectionString);
        var admin = await host.SignInAdminAsync();

        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentDictionary<string, int>();
        var phase = Phase.Before;
        var acknowledgedAfterRecovery = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = MembershipApi.UniqueEmail("restart");
                GraphQLResponse response;
                try { response = await host.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(email) }); }
                catch (HttpRequestException e)
                {
                    failures.AddOrUpdate("transport: " + e.Message, 1, (_, n) => n + 1);
                    continue;
                }
                if (response.Errors is null && response["applyForMembership.application.id"]?.GetValue<string>() is { } id)
                {
                    acknowledged.Add(id);
                    if (Volatile.Read(ref phase) == Phase.Recovered) Interlocked.Increment(ref acknowledgedAfterRecovery);
                }
                else
                {
                    var codes = response.Errors is null
                        ? response.UserErrors("applyForMembership").Select(e => e.Code).DefaultIfEmpty("(none)")
                        : response.ErrorCodes;
                    failures.AddOrUpdate($"{(int)response.Status} {string.Join(",", codes)}", 1, (_, n) => n + 1);
                    if (response.ErrorCodes.Contains(Codes.Unavailable)) await Task.Delay(100);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var beforeCrash = acknowledged.Count;
        beforeCrash.ShouldBeGreaterThan(0, "the load did not get going: " + string.Join("; ", failures));

        var clock = Stopwatch.StartNew();
        await pg.CrashAsync();
        Volatile.Write(ref phase, Phase.Down);
        var notReadyAfter = await WaitForReadinessAsync(host, 503, TimeSpan.FromSeconds(20));
        output.WriteLine($"/health/ready answered 503 {notReadyAfter.TotalSeconds:0.0} s after the crash");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await host.ReadinessAsync()).ShouldBe(503);

        await pg.StartAgainAsync();
        var downFor = clock.Elapsed;
        var readyAfter = await WaitForReadinessAsync(host, 200, TimeSpan.FromSeconds(60));
        output.WriteLine($"database down for {downFor.TotalSeconds:0.0} s; /health/ready answered 200 {readyAfter.TotalSeconds:0.0} s after it was back");
        Volatile.Write(ref phase, Phase.Recovered);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var outputAtRecovery = host.Output.Length;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        host.HasExited.ShouldBeFalse("the host must ride out the outage without a restart");
        var report = string.Join("; ", failures.Select(f => $"{f.Key} x{f.Value}"));
        output.WriteLine($"acknowledged {acknowledged.Count} applications ({beforeCrash} before the crash, {acknowledgedAfterRecovery} after recovery); refused: {report}");
        acknowledgedAfterRecovery.ShouldBeGreaterThan(0, "no write succeeded after the database came back: " + report);
        // While the database was away, requests were refused as UNAVAILABLE: never an internal error or a 5xx other than 503.
        foreach (var (kind, _) in failures)
            kind.ShouldSatisfyAllConditions(
                () => kind.ShouldNotContain(Codes.Internal),
                () => kind.ShouldNotStartWith("transport"),
                () => (kind.StartsWith("200 ", StringComparison.Ordinal) || kind.StartsWith("503 ", StringComparison.Ordinal)).ShouldBeTrue(kind));
        // The outage itself is logged (Wolverine's agents report their failed polls), but no request ended in an
        // unhandled exception, and once the database was back nothing more failed.
        host.Output.ShouldNotContain("Unhandled exception in GraphQL field", Case.Sensitive, host.Output);
        var afterRecovery = host.Output[outputAtRecovery..];
        afterRecovery.ShouldNotContain("fail:", Case.Sensitive, "errors were logged after the database was back: " + afterRecovery);

        // Every acknowledged application is there, read back through the API.
        var missing = await Workload.MissingAsync(host.Client, admin, acknowledged.ToList());
        missing.ShouldBeEmpty($"{missing.Count} acknowledged applications are lost");
    }

    private static async Task<TimeSpan> WaitForReadinessAsync(HostProcess host, int status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await host.ReadinessAsync() != status)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"/health/ready did not answer {status} within {timeout}:\n{host.Output}");
            await Task.Delay(100);
        }
        return clock.Elapsed;
    }

    private static class Phase
    {
        public const int Before = 0;
        public const int Down = 1;
        public const int Recovered = 2;
    }
}
