namespace WorkersPower.Host.Telemetry;

/// <summary>How the host reports on itself: OpenTelemetry traces and metrics, the Prometheus endpoint, the in-process figures.</summary>
internal static class TelemetryComposition
{
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OpenTelemetrySettings>().Bind(builder.Configuration.GetSection(OpenTelemetrySettings.Section));
        services.AddOptions<MetricsSettings>().Bind(builder.Configuration.GetSection(MetricsSettings.Section));
        services.AddSingleton<OperationStats>();
        services.AddSingleton<Operations.PlatformGauges>().AddHostedService(s => s.GetRequiredService<Operations.PlatformGauges>());
        return builder;
    }

    public static WebApplication UsePlatformTelemetry(this WebApplication app) => app;
}
