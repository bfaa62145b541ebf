using System.Text.RegularExpressions;
using MimeKit;

namespace WorkersPower.MailCatcher;

/// <summary>
/// One mail the <see cref="SmtpCatcher"/> accepted: the parsed message, the SMTP envelope (MAIL FROM, "" for the null
/// sender <c>&lt;&gt;</c>; every accepted RCPT TO, which for Bcc differ from the headers) and when it arrived (UTC).
/// </summary>
public sealed partial record CaughtMail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, DateTimeOffset At)
{
    /// <summary>The plain-text body (the text/plain part), or null when the mail has none.</summary>
    public string? Text => Message.TextBody;

    /// <summary>The HTML body (the text/html part), or null when the mail has none.</summary>
    public string? Html => Message.HtmlBody;

    /// <summary>The Subject header, decoded ("" when missing).</summary>
    public string Subject => Message.Subject ?? "";

    /// <summary>The first header of that name, decoded, or null when the mail has none.</summary>
    public string? Header(string name) => Message.Headers[name];

    /// <summary>
    /// Every http(s) URL in the plain-text body, each once, in order of first appearance; punctuation that ends a
    /// sentence after a URL (".", ",", ")", …) is not part of it.
    /// </summary>
    public IReadOnlyList<string> Links => FindLinks(Text);

    /// <summary>The http(s) URLs in a text, each once, in order (what <see cref="Links"/> answers for the text body).</summary>
    public static IReadOnlyList<string> FindLinks(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Url().Matches(text).Select(m => WithoutTrailingPunctuation(m.Value)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Subject and envelope recipients, as listed when <see cref="SmtpCatcher.WaitForAsync"/> times out.</summary>
    public override string ToString() => $"\"{Subject}\" to {string.Join(", ", EnvelopeTo)}";

    internal static string WithoutTrailingPunctuation(string url) => url.TrimEnd(TrailingPunctuation);

    private static readonly char[] TrailingPunctuation = ['.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '>'];

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Url();
}
