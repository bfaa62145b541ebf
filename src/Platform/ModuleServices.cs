using Marten;

namespace WorkersPower.Platform;

/// <summary>A module's Marten store, registered so the host can check readiness without knowing the module.</summary>
public sealed record ModuleStore(string Module, Type StoreType);

/// <summary>Loads a module's demo data (build/run.sh sets Demo:Seed=true). Must be idempotent: it runs at every start.</summary>
public interface IDemoData
{
    /// <summary>Lower runs first (branches before members, members before campaigns).</summary>
    int Order { get; }

    Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken);
}

public static class ModuleStoreExtensions
{
    public static IDocumentStore Resolve(this ModuleStore store, IServiceProvider services) =>
        (IDocumentStore)services.GetService(store.StoreType)!;
}
