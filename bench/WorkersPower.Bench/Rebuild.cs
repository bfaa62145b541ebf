using System.Diagnostics;
using System.Globalization;
using Marten;
using WorkersPower.Campaigns;

namespace WorkersPower.Bench;

/// <summary>Rebuilds the Campaigns module's asynchronous projection from the whole event store and reports the rate.</summary>
internal static class Rebuild
{
    public static async Task<int> RunAsync(IServiceProvider services, string projection)
    {
        var store = services.GetRequiredService<ICampaignsStore>();
        long events;
        await using (var session = store.QuerySession())
            events = await session.Events.QueryAllRawEvents().CountAsync();
        using var daemon = await store.BuildProjectionDaemonAsync();
        var clock = Stopwatch.StartNew();
        await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(10), CancellationToken.None);
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"REBUILD projection={projection} events={events} seconds={clock.Elapsed.TotalSeconds:0.0} events_per_second={events / clock.Elapsed.TotalSeconds:0}"));
        return 0;
    }
}
