using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkersPower.Testing;

/// <summary>The real host, in memory, with the settings and service changes a fixture asks for.</summary>
public sealed class PlatformFactory(
    IReadOnlyDictionary<string, string?> settings,
    Action<IServiceCollection>? configureServices,
    ILoggerProvider? logs) : WebApplicationFactory<Program>
{
    static PlatformFactory()
    {
        // The host ends with RunJasperFxCommands: without this it would never start under the factory.
        JasperFxEnvironment.AutoStartHost = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            if (logs is not null) logging.AddProvider(logs);
        });
        if (configureServices is not null) builder.ConfigureServices(configureServices);
    }
}
