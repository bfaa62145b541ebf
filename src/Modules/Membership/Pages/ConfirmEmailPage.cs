using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static WorkersPower.Membership.Pages.AccountPage;

namespace WorkersPower.Membership.Pages;

/// <summary>
/// /confirm-email?token=…: the link mailed to a member's new address. Opening it changes nothing (mail scanners open
/// links too); the button confirms the change (confirmEmailChange).
/// </summary>
internal static class ConfirmEmailPage
{
    private const string Path = "/confirm-email";
    private const string Title = "Confirm your new email address";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http) => http.Request.Query["token"].ToString() is { Length: > 0 } token
            ? WriteAsync(http, Title,
                Paragraph("You asked to use this address for your membership from now on. Confirm it, and it becomes your email address and the one you sign in with. This link works once, for 24 hours from when it was sent.") +
                Form(http, Path, token, "Confirm my new address"))
            : WriteAsync(http, Title, Paragraph("This link is incomplete: open the link in your confirmation mail again, or copy the whole of it into the address bar."), StatusCodes.Status400BadRequest));
        endpoints.MapPost(Path, PostAsync);
    }

    private static async Task PostAsync(HttpContext http)
    {
        var form = await FormAsync(http);
        var result = await InvokeAsync(http, new ConfirmEmailChange(form?["token"].ToString() ?? ""), e => new ConfirmEmailChangeResult(false, [e]),
            ConfirmEmailChange.InvalidToken, ConfirmEmailChange.AddressTaken);
        if (result.Confirmed)
            await WriteAsync(http, "Your new address is confirmed", Done("Your new email address is confirmed. Use it to sign in from now on."));
        else
            await WriteAsync(http, Title, Errors(result.Errors.Select(e => e.Message)), StatusCodes.Status400BadRequest);
    }
}
