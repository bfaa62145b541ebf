namespace WorkersPower.Host.Composition;

/// <summary>
/// When Demo:Seed is true (build/run.sh), loads every module's demo data once the host has started. Until it
/// is in place the host is not ready (<see cref="DemoDataState"/>): a client that waits for
/// /health/ready finds the demo data there.
/// </summary>
internal sealed partial class DemoDataLoader(
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    DemoDataState state,
    ILogger<DemoDataLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed")) return;
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var loading = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var demo in scope.ServiceProvider.GetServices<IDemoData>().OrderBy(d => d.Order))
            {
                var one = System.Diagnostics.Stopwatch.StartNew();
                await demo.LoadAsync(scope.ServiceProvider, stoppingToken);
                LogLoadedOne(logger, demo.GetType().Name, one.Elapsed.TotalSeconds);
            }
            LogLoaded(logger, loading.Elapsed.TotalSeconds);
            state.Loaded();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            state.Failed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is in place (loaded in {Seconds:0.0} s).")]
    private static partial void LogLoaded(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Demo} loaded in {Seconds:0.0} s.")]
    private static partial void LogLoadedOne(ILogger logger, string demo, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo data failed; the host stays not ready (/health/ready answers 503).")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Where the demo data stands: not asked for, loading, loaded, or failed (and why). As a health check: with Demo:Seed
/// on, the host is ready only once the demo data is loaded; a failed load keeps it not ready.
/// </summary>
internal sealed class DemoDataState(IConfiguration configuration) : IHealthCheck
{
    private volatile string? failure;
    private volatile bool loaded;

    public bool Requested { get; } = configuration.GetValue<bool>("Demo:Seed");

    public void Loaded() => loaded = true;

    public void Failed(Exception e) => failure = $"{e.GetType().Name}: {e.Message}";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(
        !Requested ? HealthCheckResult.Healthy("No demo data asked for (Demo:Seed is off).")
        : loaded ? HealthCheckResult.Healthy("The demo data is loaded.")
        : failure is { } reason ? HealthCheckResult.Unhealthy($"Loading the demo data failed ({reason}); see the host's log, fix the cause and restart.")
        : HealthCheckResult.Unhealthy("The demo data is still loading."));
}
