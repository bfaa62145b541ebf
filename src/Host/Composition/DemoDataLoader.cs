using WorkersPower.Platform;

namespace WorkersPower.Host.Composition;

/// <summary>When Demo:Seed is true (build/run.sh), loads every module's demo data once the host has started.</summary>
internal sealed partial class DemoDataLoader(
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDataLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue<bool>("Demo:Seed")) return;
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        try
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var demo in scope.ServiceProvider.GetServices<IDemoData>().OrderBy(d => d.Order))
                await demo.LoadAsync(scope.ServiceProvider, stoppingToken);
            LogLoaded(logger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data is in place.")]
    private static partial void LogLoaded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo data failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
