using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace WorkersPower.MailCatcher;

/// <summary>
/// The catcher's web pages: the .eml files of its directory (this run's and earlier runs'), newest first; one mail's
/// headers, text part and HTML part (in a sandboxed frame, served with <c>Content-Security-Policy: sandbox</c>); the raw
/// file. Everything shown from a mail is HTML-encoded.
/// </summary>
internal static partial class MailPages
{
    private const int Listed = 500;
    private const string PageSecurity = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private const string HtmlPartSecurity = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    public static void Map(WebApplication app, string directory, int smtpPort)
    {
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = PageSecurity;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            context.Response.Headers.CacheControl = "no-store";
            await next();
        });
        app.MapGet("/", () => Page("Mail caught", List(directory, smtpPort)));
        app.MapGet("/mail/{name}", (string name) => Find(directory, name) is { } path ? Page(name, View(path, name)) : NotFound());
        app.MapGet("/mail/{name}/html", (string name, HttpContext context) =>
        {
            if (Find(directory, name) is not { } path) return NotFound();
            context.Response.Headers.ContentSecurityPolicy = HtmlPartSecurity;
            return Results.Content(Load(path)?.HtmlBody ?? "", "text/html; charset=utf-8");
        });
        app.MapGet("/mail/{name}/raw", (string name) => Find(directory, name) is { } path ? Results.File(path, "message/rfc822", name) : NotFound());
    }

    private static string List(string directory, int smtpPort)
    {
        var files = Files(directory);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h1>Mail caught</h1><p>{files.Count} mail(s) sent to SMTP 127.0.0.1:{smtpPort}, kept as .eml files in <code>{E(directory)}</code>, newest first");
        html.Append(files.Count > Listed ? $" (the newest {Listed} are listed)" : "").Append(".</p>");
        if (files.Count == 0) return html.Append("<p>No mail yet.</p>").ToString();
        html.Append("<table><tr><th>Time (UTC)</th><th>From</th><th>To</th><th>Subject</th><th></th></tr>");
        foreach (var (name, at) in files.Take(Listed))
        {
            var message = Load(Path.Combine(directory, name));
            var link = "/mail/" + Uri.EscapeDataString(name);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{at:yyyy-MM-dd HH:mm:ss}</td><td>{E(message?.From.ToString())}</td><td>{E(message?.To.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"{E(link)}\">{E(message is null ? "(unreadable)" : message.Subject ?? "(no subject)")}</a></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"{E(link)}/raw\">.eml</a></td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    private static string View(string path, string name)
    {
        var link = "/mail/" + Uri.EscapeDataString(name);
        var html = new StringBuilder($"<p><a href=\"/\">All mail</a> · <a href=\"{E(link)}/raw\">Download {E(name)}</a></p>");
        if (Load(path) is not { } message) return html.Append("<p>This file is not a readable mail.</p>").ToString();
        html.Append("<table>");
        foreach (var header in (string[])["From", "To", "Cc", "Reply-To", "Subject", "Date", "List-Unsubscribe", "List-Unsubscribe-Post"])
            if (message.Headers[header] is { } value)
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(header)}</th><td>{E(header switch
                {
                    "From" => message.From.ToString(),
                    "To" => message.To.ToString(),
                    "Cc" => message.Cc.ToString(),
                    "Reply-To" => message.ReplyTo.ToString(),
                    _ => value.Trim(),
                })}</td></tr>");
        html.Append("</table><h2>Text part</h2>");
        html.Append(message.TextBody is { } text ? $"<pre>{Linked(text)}</pre>" : "<p>(none)</p>");
        html.Append("<h2>HTML part</h2>");
        html.Append(message.HtmlBody is not null ? $"<iframe sandbox src=\"{E(link)}/html\" title=\"The HTML part\"></iframe>" : "<p>(none)</p>");
        var attachments = message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name ?? a.ContentType.MimeType).ToList();
        if (attachments.Count > 0) html.Append(CultureInfo.InvariantCulture, $"<h2>Attachments</h2><p>{E(string.Join(", ", attachments))}</p>");
        return html.ToString();
    }

    /// <summary>The text, HTML-encoded, with each http(s) URL a link (opened in a new tab, no referrer).</summary>
    private static string Linked(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (var url in CaughtMail.Url().Matches(text).Select(m => (Index: m.Index, Value: CaughtMail.WithoutTrailingPunctuation(m.Value))))
        {
            html.Append(E(text[at..url.Index])).Append(CultureInfo.InvariantCulture, $"<a href=\"{E(url.Value)}\" target=\"_blank\" rel=\"noreferrer noopener\">{E(url.Value)}</a>");
            at = url.Index + url.Value.Length;
        }
        return html.Append(E(text[at..])).ToString();
    }

    private static IResult Page(string title, string body) => Results.Content(
        $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
        <style>
          body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; }
          table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: .25em .75em .25em 0; }
          tr + tr td { border-top: 1px solid #ddd; }
          pre { white-space: pre-wrap; background: #f6f6f6; padding: 1em; }
          iframe { width: 100%; height: 40em; border: 1px solid #ccc; }
        </style></head>
        <body>{{body}}</body></html>
        """, "text/html; charset=utf-8");

    private static IResult NotFound() => Results.Content("No such mail.", "text/plain; charset=utf-8", statusCode: 404);

    /// <summary>The .eml files the catcher wrote, newest first (file names only: nothing else in the directory is served).</summary>
    private static List<(string Name, DateTime At)> Files(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "*.eml")
            .Select(p => Path.GetFileName(p))
            .Select(n => (Name: n, Match: FileName().Match(n)))
            .Where(f => f.Match.Success)
            .Select(f => (f.Name, At: DateTime.ParseExact(f.Match.Groups[1].Value, "yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture), Number: long.Parse(f.Match.Groups[2].Value, CultureInfo.InvariantCulture)))
            .OrderByDescending(f => f.At).ThenByDescending(f => f.Number)
            .Select(f => (f.Name, f.At))];

    private static string? Find(string directory, string name)
    {
        if (!FileName().IsMatch(name)) return null;
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : null;
    }

    private static MimeMessage? Load(string path)
    {
        try { return MimeMessage.Load(path); }
        catch (Exception e) when (e is FormatException or IOException) { return null; }
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    [GeneratedRegex(@"^([0-9]{8}-[0-9]{6}-[0-9]{3})-([0-9]{1,9})\.eml$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
