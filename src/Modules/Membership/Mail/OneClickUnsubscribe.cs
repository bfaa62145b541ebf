using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WorkersPower.Membership.Mail;

/// <summary>
/// <c>POST /unsubscribe?token=…</c>: a mail program's one-click unsubscribe (RFC 8058, the <c>List-Unsubscribe-Post</c>
/// header of every mail that needs consent, <see cref="UnsubscribeLinks"/>). No page: a person who opens the link gets the
/// web client's /unsubscribe page, which asks first and then runs unsubscribeFromEmail. Nobody signs in: the token is the
/// authority. The answer is short plain text, never cached; a token that is not ours is 400 and changes nothing.
/// </summary>
internal static class OneClickUnsubscribe
{
    public const string Path = "/unsubscribe";

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost(Path, UnsubscribeAsync);

    private static async Task UnsubscribeAsync(HttpContext http, UnsubscribeLinks links, Mailer mailer, IMessageBus bus)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (links.MemberOf(http.Request.Query["token"]) is not { } memberId)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(UnsubscribeFromEmail.InvalidLink.Message, http.RequestAborted);
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
        await http.Response.WriteAsync($"You will no longer receive reminders and messages from {mailer.Organisation} by email. "
            + "Mail about your membership or your account (such as a password reset) still reaches you.", http.RequestAborted);
    }
}
