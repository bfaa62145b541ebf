namespace WorkersPower.Bench;

/// <summary>
/// A stand-in OpenTelemetry collector for the tracing scenario: takes OTLP over HTTP (protobuf) on any path
/// (/v1/traces, /v1/metrics, /v1/logs), reads each body whole and answers 200 with an empty export response, as a
/// collector does, so the host pays the export's real cost. <c>GET /counts</c> says what arrived:
/// "requests=N bytes=M" (the scenario checks that spans did arrive).
/// </summary>
internal static class OtlpSink
{
    public static async Task<int> RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        long requests = 0, bytes = 0;
        app.MapGet("/counts", () => $"requests={Interlocked.Read(ref requests)} bytes={Interlocked.Read(ref bytes)}");
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var buffer = new byte[16 * 1024];
            long read = 0;
            int n;
            while ((n = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) read += n;
            Interlocked.Increment(ref requests);
            Interlocked.Add(ref bytes, read);
            http.Response.ContentType = "application/x-protobuf";
            http.Response.StatusCode = 200;
        });
        await app.RunAsync();
        return 0;
    }
}
