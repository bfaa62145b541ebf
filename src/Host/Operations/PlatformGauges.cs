using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using WorkersPower.Host.Telemetry;

namespace WorkersPower.Host.Operations;

/// <summary>
/// The platform's state as OpenTelemetry gauges on <see cref="PlatformTelemetry.Meter"/>, for whatever exports it
/// (Prometheus, OTLP): queues, dead letters and projection lag, from <see cref="PlatformState"/>'s cached reading. A
/// collection finding the reading older than <see cref="PlatformState.CacheFor"/> starts a new one and waits for it
/// at most <see cref="WaitForReading"/>, else reports the last. A part that could not be read reports no value (a
/// gap, not a zero). Tags: <c>module</c> and <c>projection</c> on the lag gauges; nothing else, nothing personal.
/// </summary>
public sealed class PlatformGauges(PlatformState state) : IHostedService, IDisposable
{
    public static readonly TimeSpan WaitForReading = TimeSpan.FromSeconds(2);

    private volatile bool stopped;
    private readonly List<Instrument> instruments = [];

    /// <summary>This host's instruments (the meter is shared by every host of the process, e.g. in tests).</summary>
    public IReadOnlyList<Instrument> Instruments => instruments;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = PlatformTelemetry.Meter;
        instruments.Add(meter.CreateObservableGauge("workerspower.wolverine.incoming", () => Queue(q => q.Incoming), "{message}",
            "Messages received and waiting to be handled (Wolverine's durable inbox), across the deployment."));
        instruments.Add(meter.CreateObservableGauge("workerspower.wolverine.scheduled", () => Queue(q => q.Scheduled), "{message}",
            "Messages scheduled for later (retries after a delay, timed work such as a ballot's closing), across the deployment."));
        instruments.Add(meter.CreateObservableGauge("workerspower.wolverine.outgoing", () => Queue(q => q.Outgoing), "{message}",
            "Messages waiting to be sent on (Wolverine's durable outbox), across the deployment."));
        instruments.Add(meter.CreateObservableGauge("workerspower.wolverine.dead_letters", DeadLetters, "{message}",
            "Messages whose handlers failed for good and wait for an admin to replay or discard them. Alert above zero."));
        instruments.Add(meter.CreateObservableGauge("workerspower.projection.lag.events", LagEvents, "{event}",
            "Events an async projection has not processed yet, by module and projection."));
        instruments.Add(meter.CreateObservableGauge("workerspower.projection.lag.seconds", LagSeconds, "s",
            "The age of the oldest event an async projection has not processed yet (0 when caught up), by module and projection. Alert over 30 s."));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopped = true;
        return Task.CompletedTask;
    }

    public void Dispose() => stopped = true;

    private IEnumerable<Measurement<int>> Queue(Func<QueueCounts, int> figure) =>
        Reading()?.Queues is { } queues ? [new Measurement<int>(figure(queues))] : [];

    private IEnumerable<Measurement<int>> DeadLetters() =>
        Reading()?.DeadLetters is { } letters ? [new Measurement<int>(letters.Total)] : [];

    private IEnumerable<Measurement<long>> LagEvents() =>
        (Reading()?.Projections ?? []).Select(p => new Measurement<long>(p.EventsBehind, Tags(p)));

    private IEnumerable<Measurement<double>> LagSeconds() =>
        (Reading()?.Projections ?? []).Select(p => new Measurement<double>(p.SecondsBehind, Tags(p)));

    private static KeyValuePair<string, object?>[] Tags(ProjectionLag lag) => [new("module", lag.Module), new("projection", lag.Projection)];

    /// <summary>A fresh reading if one comes within <see cref="WaitForReading"/>, else the last; none once the host stops.</summary>
    private PlatformReading? Reading()
    {
        if (stopped) return null;
        try
        {
            var task = state.ReadAsync();
            return task.Wait(WaitForReading) ? task.Result : state.Last;
        }
        catch (AggregateException)
        {
            return state.Last;
        }
    }
}
