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

/// <summary>
/// A clock stopped at one moment in the past. Demo data calls a module's own handler with it, in a session of its
/// own, so that what happened months ago (a member joining, an action and its outcome, an article published) is
/// decided by the same rules and carries its real date. Never registered in DI: only demo code uses it.
/// </summary>
public sealed class DemoClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}

public static class ModuleStoreExtensions
{
    public static IDocumentStore Resolve(this ModuleStore store, IServiceProvider services) =>
        (IDocumentStore)services.GetService(store.StoreType)!;
}

public static class ModuleStoreOptions
{
    /// <summary>
    /// The settings every module store shares: its own PostgreSQL schema for documents and events, rich
    /// appends (inline projections see event sequence numbers), System.Text.Json with enums as strings.
    /// </summary>
    public static Marten.StoreOptions UseModuleDefaults(this Marten.StoreOptions o, string schema, ModuleContext context)
    {
        o.Connection(context.ConnectionString);
        // With the schema applied by the deployment (Database:ApplySchemaOnStartup=false), a node neither compares
        // nor creates tables: not at start, not at a document type's first use.
        if (!context.ApplySchemaOnStartup) o.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        o.DatabaseSchemaName = schema;
        o.Events.DatabaseSchemaName = schema;
        o.Events.AppendMode = JasperFx.Events.EventAppendMode.Rich;
        o.DisableNpgsqlLogging = true;
        o.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString);
        o.Advanced.DuplicatedFieldEnumStorage = Weasel.Core.EnumStorage.AsString;
        return o;
    }

    /// <summary>
    /// Compares the store's tables, functions and indexes with PostgreSQL at start and applies what is missing, unless
    /// <c>Database:ApplySchemaOnStartup</c> is false (a deployment step applies them: <c>WorkersPower.Host db-apply</c>).
    /// </summary>
    public static Marten.MartenServiceCollectionExtensions.MartenStoreExpression<T> ApplySchemaOnStartup<T>(
        this Marten.MartenServiceCollectionExtensions.MartenStoreExpression<T> store, ModuleContext context) where T : class, IDocumentStore =>
        context.ApplySchemaOnStartup ? store.ApplyAllDatabaseChangesOnStartup() : store;
}
