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
/// Written by <see cref="AccountPage"/> like the other pages behind mail links: self-contained, never cached, no referrer.
/// </summary>
internal static class UnsubscribePage
{
    public const string Path = "/unsubscribe";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Show);
        endpoints.MapPost(Path, UnsubscribeAsync);
    }

    /// <summary>GET: asks, with a button; changes nothing.</summary>
    private static Task Show(HttpContext http, UnsubscribeLinks links, Mailer mailer)
    {
        if (links.MemberOf(http.Request.Query["token"]) is null) return Invalid(http, mailer);
        return AccountPage.WriteAsync(http, "Unsubscribe from email",
            $"<p>Stop receiving reminders and messages from {Html(mailer.Organisation)} by email?</p>"
            + "<p>Mail about your membership or your account (such as a password reset) still reaches you.</p>"
            + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    /// <summary>POST (the page's button, or one-click): unsubscribes, and says so.</summary>
    private static async Task UnsubscribeAsync(HttpContext http, UnsubscribeLinks links, Mailer mailer, IMessageBus bus)
    {
        if (links.MemberOf(http.Request.Query["token"]) is not { } memberId)
        {
            await Invalid(http, mailer);
            return;
        }
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
        await AccountPage.WriteAsync(http, "You are unsubscribed",
            $"<p>You will no longer receive reminders and messages from {Html(mailer.Organisation)} by email.</p>"
            + "<p>Mail about your membership or your account (such as a password reset) still reaches you.</p>"
            + $"<p>You can turn it on again in your profile: <a href=\"{Html(mailer.PublicUrl)}\">sign in</a>.</p>");
    }

    private static Task Invalid(HttpContext http, Mailer mailer) =>
        AccountPage.WriteAsync(http, "This link does not work",
            "<p>This unsubscribe link is not valid. Please use the link from the mail exactly as it is.</p>"
            + $"<p>You can also turn email off in your profile: <a href=\"{Html(mailer.PublicUrl)}\">sign in</a>.</p>",
            StatusCodes.Status400BadRequest);

    private static string Html(string text) => AccountPage.Encode(text);
}
