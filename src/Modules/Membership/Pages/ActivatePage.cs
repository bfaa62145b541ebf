using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static WorkersPower.Membership.Pages.AccountPage;

namespace WorkersPower.Membership.Pages;

/// <summary>/activate?token=…: the invitation mail's link. The new member chooses a password (activateAccount).</summary>
internal static class ActivatePage
{
    private const string Path = "/activate";
    private const string Title = "Set your password";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http) => ShowAsync(http, http.Request.Query["token"].ToString(), null));
        endpoints.MapPost(Path, PostAsync);
    }

    private static Task ShowAsync(HttpContext http, string token, IReadOnlyList<string>? errors, int status = StatusCodes.Status200OK) =>
        string.IsNullOrWhiteSpace(token)
            ? WriteAsync(http, Title, Paragraph("This link is incomplete: open the link in your invitation mail again, or copy the whole of it into the address bar."), StatusCodes.Status400BadRequest)
            : WriteAsync(http, Title,
                (errors is null ? "" : Errors(errors)) +
                Paragraph("Welcome! Choose the password you will sign in with. This link works once, for 7 days from when it was sent.") +
                Form(http, Path, token, "Set my password", NewPasswordFields()), status);

    private static async Task PostAsync(HttpContext http)
    {
        if (await FormAsync(http) is not { } form)
        {
            await WriteAsync(http, Title, Paragraph("Send the form on this page."), StatusCodes.Status400BadRequest);
            return;
        }
        var token = form["token"].ToString();
        if (Mismatch(form) is { } mismatch)
        {
            await ShowAsync(http, token, [mismatch], StatusCodes.Status400BadRequest);
            return;
        }
        var result = await InvokeAsync(http, new ActivateAccount(token, form["password"].ToString()), e => SignInResult.Refused(e), ActivateAccount.InvalidInvitation);
        if (result.Token is not null)
            await WriteAsync(http, "Your account is active", Done("Your password is set and your account is active. You can now sign in with your email address and this password."));
        else if (result.Errors.Any(e => e.Code == ErrorCodes.InvalidToken))
            await WriteAsync(http, Title, Errors(result.Errors.Select(e => e.Message)), StatusCodes.Status400BadRequest);
        else
            await ShowAsync(http, token, [.. result.Errors.Select(e => e.Message)], StatusCodes.Status400BadRequest);
    }
}
