namespace WorkersPower.Host.Composition;

/// <summary>
/// Ready when the database answers and every store's schema is in place. The full schema comparison
/// runs until it has passed once; after that each probe only checks that the database answers.
/// </summary>
internal sealed class DatabaseReadyCheck(IServiceProvider services, IDocumentStore mainStore, IEnumerable<ModuleStore> moduleStores) : IHealthCheck
{
    private static volatile bool schemaVerified;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stores = moduleStores.Select(s => s.Resolve(services)).Prepend(mainStore).ToList();
            if (!schemaVerified)
            {
                foreach (var store in stores)
                    await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellationToken);
                schemaVerified = true;
            }
            else
            {
                await using var connection = mainStore.Storage.Database.CreateConnection();
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "select 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable or its schema is not applied yet.");
        }
    }
}
