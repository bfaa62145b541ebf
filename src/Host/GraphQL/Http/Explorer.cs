using Microsoft.Extensions.FileProviders;

namespace WorkersPower.Host.GraphQL.Http;

/// <summary>The GraphiQL explorer: a page at /graphql for browsers (Accept: text/html), its script and styles under /explorer.</summary>
internal static class Explorer
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>A browser navigating to /graphql (GET asking for text/html); ?query= and ?headers= prefill the editors.</summary>
    public static bool Wanted(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";
        await http.Response.WriteAsync(Page, http.RequestAborted);
    }

    /// <summary>The explorer's script and styles under /explorer (only those: wwwroot also holds the web client's build).</summary>
    public static IApplicationBuilder UseExplorerFiles(this IApplicationBuilder app) =>
        Directory.Exists(Path.Combine(Folder, "explorer"))
            ? app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.Combine(Folder, "explorer")), RequestPath = "/explorer" })
            : app;

    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Workers Power GraphQL explorer</title>
          <link rel="stylesheet" href="/explorer/explorer.css">
          <style>html, body, #explorer { height: 100%; margin: 0; }</style>
        </head>
        <body>
          <div id="explorer"></div>
          <script src="/explorer/explorer.js"></script>
        </body>
        </html>
        """;
}
