using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Pages;

/// <summary>
/// <c>/unsubscribe?token=…</c>, the signed link of every mail that needs consent (<see cref="UnsubscribeLinks"/>), until the
/// web client serves it. GET shows a page with a button and changes nothing (mail scanners follow links); POST unsubscribes,
/// both from that page's form and from a mail program's one-click unsubscribe (RFC 8058: <c>List-Unsubscribe=One-Click</c>).
/// Nobody signs in: the token is the authority. A token that is not ours is answered 400 with a page that says no more.
/// Pages are self-contained (no script, no outside resource), never cached, and send no referrer (the URL holds the token).
/// </summary>
internal static class UnsubscribePage
{
    public const string Path = "/unsubscribe";

    private const string Style = "body{margin:0;background:#f4f1ec;color:#1a1a1a;font:1.05rem/1.5 Georgia,'Times New Roman',serif}"
        + "main{max-width:34rem;margin:3rem auto;padding:1.5rem 1.75rem;background:#fff;border-top:6px solid #c8102e}"
        + "h1{font:bold 1.4rem Arial,Helvetica,sans-serif;margin:0 0 1rem}"
        + "button{font:bold 1rem Arial,Helvetica,sans-serif;padding:.6rem 1.2rem;color:#fff;background:#c8102e;border:0;border-radius:3px;cursor:pointer}"
        + "button:focus-visible,a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}"
        + "a{color:#c8102e}";

    /// <summary>Only the page's own style, and its form posting back to this site: nothing else loads or runs.</summary>
    private static readonly string Policy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Show);
        endpoints.MapPost(Path, UnsubscribeAsync);
    }

    /// <summary>GET: asks, with a button; changes nothing.</summary>
    private static IResult Show(HttpContext http, UnsubscribeLinks links, Mailer mailer)
    {
        if (links.MemberOf(http.Request.Query["token"]) is null) return Invalid(http, mailer);
        return Page(http, StatusCodes.Status200OK, mailer, "Unsubscribe from email",
            $"<p>Stop receiving reminders and messages from {Html(mailer.Organisation)} by email?</p>"
            + "<p>Mail about your membership or your account (such as a password reset) still reaches you.</p>"
            + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    /// <summary>POST (the page's button, or one-click): unsubscribes, and says so.</summary>
    private static async Task<IResult> UnsubscribeAsync(HttpContext http, UnsubscribeLinks links, Mailer mailer, IMessageBus bus)
    {
        if (links.MemberOf(http.Request.Query["token"]) is not { } memberId) return Invalid(http, mailer);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bus.InvokeAsync<CommandResult>(new UnsubscribeFromEmail(memberId, UnsubscribeSource.Link), http.RequestAborted);
                break;
            }
            catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) && attempt < 5)
            {
                await Task.Delay(Random.Shared.Next(5, 50), http.RequestAborted);
            }
        }
        return Page(http, StatusCodes.Status200OK, mailer, "You are unsubscribed",
            $"<p>You will no longer receive reminders and messages from {Html(mailer.Organisation)} by email.</p>"
            + "<p>Mail about your membership or your account (such as a password reset) still reaches you.</p>"
            + $"<p>You can turn it on again in your profile: <a href=\"{Html(mailer.PublicUrl)}\">sign in</a>.</p>");
    }

    private static IResult Invalid(HttpContext http, Mailer mailer) =>
        Page(http, StatusCodes.Status400BadRequest, mailer, "This link does not work",
            "<p>This unsubscribe link is not valid. Please use the link from the mail exactly as it is.</p>"
            + $"<p>You can also turn email off in your profile: <a href=\"{Html(mailer.PublicUrl)}\">sign in</a>.</p>");

    private static IResult Page(HttpContext http, int status, Mailer mailer, string title, string body)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
            + $"<title>{Html(title)} · {Html(mailer.Organisation)}</title>\n<style>{Style}</style>\n</head>\n"
            + $"<body>\n<main>\n<h1>{Html(title)}</h1>\n{body}\n</main>\n</body>\n</html>\n";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
