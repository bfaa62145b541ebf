using Microsoft.AspNetCore.Http;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WorkersPower.Host.Telemetry;

/// <summary>
/// How the host reports on itself: OpenTelemetry traces and metrics, the Prometheus endpoint, the in-process figures.
/// <list type="bullet">
/// <item>Traces (when <see cref="OpenTelemetrySettings.Traces"/>): ASP.NET Core requests (not /health/*, /metrics, the
/// web client's files and pages, the explorer), the GraphQL operation (<see cref="GraphQLTelemetry"/>), Npgsql's SQL,
/// Marten's and Wolverine's spans (message handling, outbox sends, retries, dead letters), sampled parent-based at
/// <see cref="OpenTelemetrySettings.SamplingRatio"/>, cleaned by <see cref="PrivacyProcessor"/> before any exporter;
/// exported by OTLP (Endpoint) and/or the console.</item>
/// <item>Metrics (when <see cref="OpenTelemetrySettings.Metrics"/>): the host's meter "WorkersPower", ASP.NET Core's,
/// the .NET runtime's (GC, memory, thread pool), Npgsql's (pool use), Marten's and Wolverine's; exported by OTLP
/// (Endpoint) and/or Prometheus at /metrics (Metrics:Prometheus, for Metrics:AllowedAddresses only).</item>
/// </list>
/// With no endpoint, no console and Prometheus off, no provider is registered: nothing listens to any source or meter,
/// so instrumented code skips its spans and measurements. <see cref="OperationStats"/> counts every operation either way.
/// </summary>
internal static class TelemetryComposition
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OperationStats>();
        services.AddSingleton<UntracedOperations>();
        // the platform's state as gauges (queues, dead letters, projection lag): read only when something collects them
        services.AddSingleton<Operations.PlatformGauges>().AddHostedService(s => s.GetRequiredService<Operations.PlatformGauges>());

        var telemetry = builder.Configuration.GetSection(OpenTelemetrySettings.Section).Get<OpenTelemetrySettings>() ?? new OpenTelemetrySettings();
        var metrics = builder.Configuration.GetSection(MetricsSettings.Section).Get<MetricsSettings>() ?? new MetricsSettings();
        if (telemetry.SamplingRatio is < 0 or > 1 || double.IsNaN(telemetry.SamplingRatio))
            throw new InvalidOperationException($"OpenTelemetry:SamplingRatio is {telemetry.SamplingRatio}: give a share of traces between 0 and 1 (e.g. 0.1).");
        var protocol = telemetry.Protocol.Trim().ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"OpenTelemetry:Protocol is '{telemetry.Protocol}': give grpc or http/protobuf."),
        };
        if (metrics.Prometheus) services.AddSingleton(ScrapeAddresses.Parse(metrics.AllowedAddresses));

        var tracing = telemetry.Traces;
        var metering = telemetry.Metrics(metrics);
        if (!tracing && !metering) return builder;

        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(telemetry.ServiceName));
        if (tracing)
            otel.WithTracing(t =>
            {
                t.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.SamplingRatio)))
                    .AddSource(PlatformTelemetry.Name, "Npgsql", "Marten", "Wolverine")
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = Traced;
                        o.RecordException = false;
                    })
                    // before the exporters: processors run in the order they were added
                    .AddProcessor(new PrivacyProcessor());
                if (telemetry.Endpoint is { } endpoint) t.AddOtlpExporter(o => Otlp(o, endpoint, protocol, "v1/traces"));
                if (telemetry.Console) t.AddConsoleExporter();
            });
        if (metering)
            otel.WithMetrics(m =>
            {
                m.AddMeter(PlatformTelemetry.Name, "Npgsql", "Marten", "Wolverine*")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation();
                if (telemetry.Endpoint is { } endpoint) m.AddOtlpExporter(o => Otlp(o, endpoint, protocol, "v1/metrics"));
                if (metrics.Prometheus) m.AddPrometheusExporter();
            });
        return builder;
    }

    /// <summary>The exporter's address: the endpoint itself for gRPC; for HTTP its signal's path (the exporter adds none to an endpoint set in code).</summary>
    internal static void Otlp(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.Grpc ? endpoint : new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath);
    }

    /// <summary>Requests that get a span: not probes, scrapes, static files or the web client's pages.</summary>
    private static bool Traced(HttpContext http)
    {
        var path = http.Request.Path;
        return !(path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/assets")
            || path.StartsWithSegments("/app") || path.StartsWithSegments("/explorer") || Web.WebClient.IsClientRoute(http.Request));
    }

    /// <summary>
    /// With Metrics:Prometheus, /metrics answers the Prometheus text format to Metrics:AllowedAddresses and 404 to anyone
    /// else (as if it did not exist). Without it, nothing is added to the pipeline.
    /// </summary>
    public static WebApplication UsePlatformTelemetry(this WebApplication app)
    {
        if (app.Services.GetService<ScrapeAddresses>() is not { } allowed) return app;
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(MetricsPath) && !allowed.Allows(http.Connection.RemoteIpAddress))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(http);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
