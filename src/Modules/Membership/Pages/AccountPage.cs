using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace WorkersPower.Membership.Pages;

/// <summary>
/// The minimal pages behind the links in Membership's mails (/activate, /reset-password, /confirm-email) until the web
/// client serves those routes: small self-contained HTML (no external assets, no script), a form posting to the same path,
/// the same command as the GraphQL mutation run through the message bus, and the outcome in plain words. The token is in
/// the URL, so nothing is cached or sent on as a referrer; the policy allows only the page's own style and forms to itself.
/// </summary>
internal static class AccountPage
{
    private const string Style =
        "body{margin:0;background:#f4f1ec;color:#1a1a1a;font:17px/1.5 Georgia,'Times New Roman',serif}" +
        "main{max-width:34rem;margin:2rem auto;padding:1.5rem 1.75rem;background:#fff;border-top:6px solid #c8102e}" +
        ".org{margin:0;font:bold 1.2rem Arial,Helvetica,sans-serif;color:#c8102e}" +
        "h1{font-size:1.5rem;margin:.75rem 0 1rem}" +
        "label{display:block;font-weight:bold;margin-top:1rem}" +
        "input{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;margin-top:.25rem;border:2px solid #5a5a5a}" +
        "input:focus,button:focus{outline:3px solid #1d4ed8;outline-offset:2px}" +
        ".hint{display:block;font-size:.9rem;color:#4a4a4a}" +
        "button{margin-top:1.25rem;font:bold 1rem Arial,Helvetica,sans-serif;padding:.65rem 1.25rem;background:#c8102e;color:#fff;border:0;cursor:pointer}" +
        ".error{border-left:5px solid #c8102e;background:#fbeaec;padding:.5rem 1rem}" +
        ".done{border-left:5px solid #1f7a3a;background:#e9f5ec;padding:.5rem 1rem}";

    /// <summary>The Content-Security-Policy: nothing but this page's own style (by its hash) and forms posting back here.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ActivatePage.Map(endpoints);
        ResetPasswordPage.Map(endpoints);
        ConfirmEmailPage.Map(endpoints);
    }

    /// <summary>Writes a whole page: <paramref name="content"/> is markup made with <see cref="Encode"/> and the helpers below.</summary>
    public static Task WriteAsync(HttpContext http, string title, string content, int status = StatusCodes.Status200OK)
    {
        var organisation = Encode(http.RequestServices.GetRequiredService<Mailer>().Organisation);
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        return response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{Encode(title)} · {organisation}</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <p class="org">{organisation}</p>
            <h1>{Encode(title)}</h1>
            {content}
            </main>
            </body>
            </html>

            """, http.RequestAborted);
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Paragraph(string text) => $"<p>{Encode(text)}</p>";

    /// <summary>What went wrong, announced to screen readers.</summary>
    public static string Errors(IEnumerable<string> messages) =>
        $"<div class=\"error\" role=\"alert\">{string.Concat(messages.Select(Paragraph))}</div>";

    /// <summary>What was done, announced to screen readers.</summary>
    public static string Done(string message) => $"<div class=\"done\" role=\"status\">{Paragraph(message)}</div>";

    /// <summary>A form posting to <paramref name="path"/>, carrying <paramref name="token"/> (when given) in a hidden field.</summary>
    public static string Form(HttpContext http, string path, string? token, string submit, params string[] fields) =>
        $"<form method=\"post\" action=\"{Encode(http.Request.PathBase + path)}\">" +
        (token is null ? "" : $"<input type=\"hidden\" name=\"token\" value=\"{Encode(token)}\">") +
        string.Concat(fields) +
        $"<button type=\"submit\">{Encode(submit)}</button></form>";

    /// <summary>A labelled input with its hint tied to it (aria-describedby).</summary>
    public static string Field(string name, string label, string type, string autocomplete, string? hint = null, string? value = null)
    {
        var hintId = name + "-hint";
        return $"<label for=\"{name}\">{Encode(label)}</label>" +
            (hint is null ? "" : $"<span class=\"hint\" id=\"{hintId}\">{Encode(hint)}</span>") +
            $"<input id=\"{name}\" name=\"{name}\" type=\"{type}\" autocomplete=\"{autocomplete}\" required" +
            (type == "password" ? $" minlength=\"{PasswordPolicy.MinLength}\" maxlength=\"{PasswordPolicy.MaxLength}\"" : "") +
            (hint is null ? "" : $" aria-describedby=\"{hintId}\"") +
            (value is null ? "" : $" value=\"{Encode(value)}\"") + ">";
    }

    /// <summary>The new password, typed twice.</summary>
    public static string[] NewPasswordFields() =>
    [
        Field("password", "New password", "password", "new-password",
            $"At least {PasswordPolicy.MinLength} characters, at least four different ones; not a common password and not your email address. A few words you will remember make a good one."),
        Field("repeat", "The new password again", "password", "new-password"),
    ];

    /// <summary>Why the two passwords cannot be used before anything is looked up, or null.</summary>
    public static string? Mismatch(IFormCollection form) =>
        form["password"].ToString() == form["repeat"].ToString() ? null : "The two passwords are not the same: type them again.";

    /// <summary>The posted form, or null when the request is not a form post.</summary>
    public static async Task<IFormCollection?> FormAsync(HttpContext http) =>
        http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Runs the command as its GraphQL mutation does (in its handler's transaction); a write that lost a race to a concurrent
    /// one is answered by <paramref name="lost"/> with <paramref name="conflict"/> (the record changed) or <paramref name="duplicate"/>
    /// (a unique value taken).
    /// </summary>
    public static async Task<T> InvokeAsync<T>(HttpContext http, object command, Func<UserError, T> lost, UserError conflict, UserError? duplicate = null)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IMessageBus>().InvokeAsync<T>(command, http.RequestAborted);
        }
        catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
        {
            return lost(conflict);
        }
        catch (Exception e) when (duplicate is not null && DatabaseErrors.IsUniqueViolation(e))
        {
            return lost(duplicate);
        }
    }
}
