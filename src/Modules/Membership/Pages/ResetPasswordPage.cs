using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static WorkersPower.Membership.Pages.AccountPage;

namespace WorkersPower.Membership.Pages;

/// <summary>
/// /reset-password: without a token, asks for the address to mail a link to (requestPasswordReset); with the link's
/// token, sets the new password (resetPassword).
/// </summary>
internal static class ResetPasswordPage
{
    private const string Path = "/reset-password";
    private const string Title = "Set a new password";
    private const string RequestTitle = "Forgotten your password?";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext http) => http.Request.Query["token"].ToString() is { Length: > 0 } token
            ? ShowAsync(http, token, null)
            : ShowRequestAsync(http, null));
        endpoints.MapPost(Path, PostAsync);
    }

    private static Task ShowAsync(HttpContext http, string token, IReadOnlyList<string>? errors, int status = StatusCodes.Status200OK) =>
        WriteAsync(http, Title,
            (errors is null ? "" : Errors(errors)) +
            Paragraph("Choose a new password. Once it is set, you are signed out everywhere else. This link works once, for one hour from when it was sent.") +
            Form(http, Path, token, "Set my new password", NewPasswordFields()), status);

    private static Task ShowRequestAsync(HttpContext http, string? error, int status = StatusCodes.Status200OK) =>
        WriteAsync(http, RequestTitle,
            (error is null ? "" : Errors([error])) +
            Paragraph("Give the email address you sign in with, and we will mail it a link to set a new password.") +
            Form(http, Path, null, "Mail me a link", Field("email", "Email address", "email", "email")), status);

    private static async Task PostAsync(HttpContext http)
    {
        if (await FormAsync(http) is not { } form)
        {
            await ShowRequestAsync(http, "Send the form on this page.", StatusCodes.Status400BadRequest);
            return;
        }
        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            await RequestAsync(http, form["email"].ToString());
            return;
        }
        if (Mismatch(form) is { } mismatch)
        {
            await ShowAsync(http, token, [mismatch], StatusCodes.Status400BadRequest);
            return;
        }
        var result = await InvokeAsync(http, new ResetPassword(token, form["password"].ToString()), e => SignInResult.Refused(e), ResetPassword.InvalidToken);
        if (result.Token is not null)
        {
            http.RequestServices.GetRequiredService<AccountTokenCheck>().Forget(result.AccountId!.Value);
            await WriteAsync(http, "Your password is set", Done("Your password is set. You can now sign in with it; you have been signed out everywhere else."));
        }
        else if (result.Errors.Any(e => e.Code == ErrorCodes.InvalidToken))
            await WriteAsync(http, Title, Errors(result.Errors.Select(e => e.Message)) +
                Form(http, Path, null, "Mail me a new link", Field("email", "Email address", "email", "email")), StatusCodes.Status400BadRequest);
        else
            await ShowAsync(http, token, [.. result.Errors.Select(e => e.Message)], StatusCodes.Status400BadRequest);
    }

    /// <summary>As requestPasswordReset: limited per client address, and the same answer whether or not an account has the address.</summary>
    private static async Task RequestAsync(HttpContext http, string email)
    {
        if (!http.RequestServices.GetRequiredService<PasswordResetRateLimiter>().TryAcquire(ClientAddress(http)))
        {
            await ShowRequestAsync(http, RequestPasswordReset.RateLimited.Message, StatusCodes.Status429TooManyRequests);
            return;
        }
        await InvokeAsync(http, new RequestPasswordReset(email), e => CommandResult.Refused(e), SignInPayload.AccountChanged.Conflict);
        var mailOn = http.RequestServices.GetRequiredService<Mailer>().Enabled;
        await WriteAsync(http, RequestTitle, Done(mailOn ? RequestPasswordReset.Answer : RequestPasswordReset.NoMailAnswer));
    }
}
