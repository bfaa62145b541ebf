using System.Reflection;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace WorkersPower.Testing;

/// <summary>
/// For a host whose database is a copy of <see cref="SchemaTemplate"/>: Marten and Wolverine take the schema as
/// it is instead of comparing every table, index and function with their configuration as they start (the
/// comparison was most of PostgreSQL's work at a fixture's start, and half a second of the host's). The
/// template itself was made by a real start on an empty database, and the hosts a test starts on a database
/// that is already in use (a second node, a restart) still compare. A table missing from the copy is not
/// created on first use either: the command fails, so nothing is hidden.
/// </summary>
internal sealed class TrustedSchema : IGlobalConfigureMarten
{
    // Set by ApplyAllDatabaseChangesOnStartup(); not public in Marten.
    private static readonly PropertyInfo ApplyChangesOnStartup =
        typeof(StoreOptions).GetProperty("ShouldApplyChangesOnStartup", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Marten's StoreOptions.ShouldApplyChangesOnStartup is gone: see TrustedSchema in tests/WorkersPower.Testing.");

    public static void AddTo(IServiceCollection services)
    {
        services.ConfigureWolverine(o => o.AutoBuildMessageStorageOnStartup = AutoCreate.None);
        // A global configuration reaches every store: the host's own and each module's.
        services.AddSingleton<IConfigureMarten, TrustedSchema>();
    }

    public void Configure(IServiceProvider services, StoreOptions options)
    {
        ApplyChangesOnStartup.SetValue(options, false);
        options.AutoCreateSchemaObjects = AutoCreate.None;
    }
}
