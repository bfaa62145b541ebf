namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Builds the GraphQL schema while the host starts, beside the stores' schema checks and Wolverine's start, instead
/// of on the first request (GraphQL.NET builds it lazily: about a fifth of the start-up's CPU went into the first
/// request, bench/analysis/startup.md). Registered before the other hosted services, so it begins first; it does
/// not hold up the start: a request that comes before it is done waits for the same build (the schema builds once,
/// under its own lock). A failure is logged, and the first request then builds the schema and reports the error.
/// </summary>
internal sealed partial class SchemaWarmUp(PlatformSchema schema, ILogger<SchemaWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() =>
        {
#pragma warning disable CA1031 // a warm-up that fails leaves the build to the first request
            try
            {
                schema.Initialize();
            }
            catch (Exception e)
            {
                LogFailed(logger, e);
            }
#pragma warning restore CA1031
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the GraphQL schema at start-up failed; the first request builds it")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
