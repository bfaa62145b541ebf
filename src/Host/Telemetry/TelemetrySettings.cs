using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkersPower.Host.Telemetry;

/// <summary>
/// The host's own OpenTelemetry sources. Spans and instruments carry operation names, types, document ids, error codes
/// and durations: never variables, never member data, never a voter.
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>The name of the host's ActivitySource (one span per GraphQL operation) and of its Meter.</summary>
    public const string Name = "WorkersPower";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}

/// <summary>
/// <c>OpenTelemetry</c>: where traces and metrics go. Nothing is exported unless an endpoint (OTLP) is set or
/// <see cref="Console"/> is on; the in-process figures (the operator's page) are kept either way.
/// </summary>
public sealed class OpenTelemetrySettings
{
    public const string Section = "OpenTelemetry";

    /// <summary>An OTLP endpoint (e.g. http://collector:4317 for gRPC, http://collector:4318 for HTTP/protobuf); unset: no OTLP export.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// How OTLP is sent: <c>grpc</c> (default, usually port 4317) or <c>http/protobuf</c> (usually 4318; traces go to
    /// the endpoint's <c>/v1/traces</c>, metrics to <c>/v1/metrics</c>).
    /// </summary>
    public string Protocol { get; set; } = "grpc";

    /// <summary>The share of traces kept, 0 to 1 (parent-based: a trace started upstream keeps its caller's decision). Default 1.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary>Writes spans to the console (build/run.sh turns it on, for a developer to look at). Default off.</summary>
    public bool Console { get; set; }

    /// <summary>The service name traces and metrics carry. Default "workers-power".</summary>
    public string ServiceName { get; set; } = "workers-power";

    /// <summary>
    /// Collects traces and metrics even when nothing here exports them (for an exporter added in code, as the tests'
    /// in-memory one). Unset: traces are collected when <see cref="Endpoint"/> is set or <see cref="Console"/> is on,
    /// metrics when <see cref="Endpoint"/> is set (and always with <c>Metrics:Prometheus</c>); otherwise no OpenTelemetry
    /// provider is registered at all, so a request pays nothing for telemetry but the in-process figures.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Whether traces are collected with these settings.</summary>
    public bool Traces => Enabled ?? (Endpoint is not null || Console);

    /// <summary>Whether metrics are collected with these settings and the Prometheus one.</summary>
    public bool Metrics(MetricsSettings metrics) => metrics.Prometheus || (Enabled ?? Endpoint is not null);
}

/// <summary><c>Metrics</c>: the Prometheus scrape endpoint.</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    /// <summary>Serves <c>/metrics</c> in Prometheus' text format. Default off.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// Who may scrape <c>/metrics</c>: IP addresses or CIDR ranges, comma-separated (e.g. "127.0.0.1, 10.0.0.0/8").
    /// Default: the loopback addresses only. Anyone else gets 404.
    /// </summary>
    public string AllowedAddresses { get; set; } = "127.0.0.1, ::1";
}
