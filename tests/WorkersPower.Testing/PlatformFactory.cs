using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace WorkersPower.Testing;

/// <summary>
/// The real host, in memory, with the settings and service changes a fixture asks for. With
/// <paramref name="trustedSchema"/> (a database copied from <see cref="SchemaTemplate"/>) it starts as a production
/// node whose schema the deployment applied (<c>Database:ApplySchemaOnStartup=false</c>): Marten and Wolverine take
/// the schema as it is instead of comparing every table, index and function with their configuration (that
/// comparison was most of PostgreSQL's work at a fixture's start, and half a second of the host's). A table
/// missing from the copy is not created on first use either: the command fails, so nothing is hidden.
/// </summary>
public sealed class PlatformFactory(
    IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection>? configureServices,
    ILoggerProvider? logs,
    bool trustedSchema = false) : WebApplicationFactory<Program>
{
    /// <summary>PBKDF2 rounds of the tests' password hashes (production keeps ASP.NET Core Identity's default).</summary>
    public const int TestPasswordHashRounds = 100;

    static PlatformFactory()
    {
        // The host ends with RunJasperFxCommands: without this it would never start under the factory.
        JasperFxEnvironment.AutoStartHost = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (trustedSchema) builder.UseSetting("Database:ApplySchemaOnStartup", "false");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            if (logs is not null) logging.AddProvider(logs);
        });
        // Every host of a test process generates the same handler code: compile each piece once per process
        // (JasperFx keys its cache on the source and the referenced assemblies), not once per host.
        builder.ConfigureServices(services => services.ConfigureWolverine(o => o.CodeGeneration.ReuseCompiledAssemblies = true));
        // Password hashes keep their format and checks, at a cost factor for tests: the default (100,000 rounds of
        // PBKDF2-SHA512, tens of milliseconds a hash) took a third of a test run's CPU, every join and sign-in paying it.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashRounds));
        if (configureServices is not null) builder.ConfigureServices(configureServices);
    }
}
