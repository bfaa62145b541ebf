using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace WorkersPower.Platform;

/// <summary>
/// Where the public site lives, for absolute links (the feed's, the mails'): <c>Site:PublicUrl</c> (e.g.
/// https://workerspower.org). Without it the feed's links are relative ("/articles/…", resolved by feed
/// readers against the feed's own address) and its id a fixed URN, never built from the request's Host header:
/// the feed is cached publicly, so one caller's Host must not end up in everyone's copy. Only in Development does
/// the request's scheme and host stand in for a missing setting.
/// </summary>
public sealed record SiteUrl(string? BaseUrl, bool FromRequest)
{
    public const string Setting = "Site:PublicUrl";

    public static SiteUrl From(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value)) return new SiteUrl(null, environment.IsDevelopment());
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new InvalidOperationException($"{Setting} must be the site's absolute http(s) address without query or fragment, e.g. https://workerspower.org; it is '{value}'.");
        return new SiteUrl(uri.GetLeftPart(UriPartial.Path).TrimEnd('/'), false);
    }
}
