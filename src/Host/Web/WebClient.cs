using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace WorkersPower.Host.Web;

/// <summary>
/// The web client (src/Web, built into wwwroot/app): its index.html for every client route a browser opens
/// (a GET asking for text/html that no endpoint answers, outside the API's own paths), its hashed assets under
/// /assets cached for a year. index.html is never cached and carries a strict Content-Security-Policy.
/// </summary>
internal static class WebClient
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "wwwroot", "app");

    /// <summary>No inline script or style, the API on this origin only, never in a frame.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Paths that belong to the API and the host's other endpoints, never to the client.</summary>
    private static readonly string[] NotClient = ["/graphql", "/health", "/explorer", "/assets", "/feed.xml"];

    public static IApplicationBuilder UseWebClientAssets(this IApplicationBuilder app) =>
        Directory.Exists(Path.Combine(Folder, "assets"))
            ? app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.Combine(Folder, "assets")),
                RequestPath = "/assets",
                OnPrepareResponse = c =>
                {
                    c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    c.Context.Response.Headers.XContentTypeOptions = "nosniff";
                },
            })
            : app;

    /// <summary>The client's index.html as the fallback for client routes (paths without a file extension).</summary>
    public static void MapWebClient(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("{*path:nonfile}", ServeAsync);

    public static bool IsClientRoute(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !NotClient.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static async Task ServeAsync(HttpContext http)
    {
        var index = Path.Combine(Folder, "index.html");
        if (!IsClientRoute(http.Request) || !File.Exists(index))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        SetPageHeaders(http.Response);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.SendFileAsync(index, http.RequestAborted);
    }

    public static void SetPageHeaders(HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }
}
