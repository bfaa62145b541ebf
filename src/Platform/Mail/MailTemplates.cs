using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace WorkersPower.Platform.Mail;

/// <summary>
/// Mail templates: files embedded in a module's assembly as <c>mail/&lt;name&gt;.txt</c> (first line
/// <c>Subject: …</c>, a blank line, then the plain text) and <c>mail/&lt;name&gt;.html</c> (the HTML body's content).
/// <c>{{Key}}</c> takes a value (HTML-encoded in the HTML); a key the caller does not give is an error, so a
/// template and its callers cannot drift apart unseen. Platform's <c>layout</c> wraps every mail with the
/// organisation's name, the public address and the footer (<c>Footer</c> as text, <c>FooterHtml</c> as markup).
/// </summary>
public static partial class MailTemplates
{
    private static readonly ConcurrentDictionary<(Assembly, string), string> Cache = new();

    public static RenderedMail Render(Assembly assembly, string name, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> layout)
    {
        var text = Fill(Read(assembly, name + ".txt"), values, html: false, name);
        if (!text.StartsWith("Subject: ", StringComparison.Ordinal) || text.IndexOf("\n\n", StringComparison.Ordinal) is var split && split < 0)
            throw new InvalidOperationException($"Mail template {name}.txt must begin with a 'Subject: ' line and a blank line.");
        var subject = text[9..text.IndexOf('\n', StringComparison.Ordinal)].Trim();
        var body = text[(split + 2)..].TrimEnd();
        var html = Fill(Read(assembly, name + ".html"), values, html: true, name).Trim();
        var frame = new Dictionary<string, string>(layout) { ["Subject"] = subject };
        var platform = typeof(MailTemplates).Assembly;
        return new RenderedMail(subject,
            Fill(Read(platform, "layout.txt"), new Dictionary<string, string>(frame) { ["Content"] = body }, html: false, "layout"),
            Fill(Read(platform, "layout.html"), new Dictionary<string, string>(frame) { ["Content"] = html }, html: true, "layout", raw: ["Content", "FooterHtml"]));
    }

    private static string Read(Assembly assembly, string file) => Cache.GetOrAdd((assembly, file), key =>
    {
        using var stream = key.Item1.GetManifestResourceStream("mail/" + key.Item2)
            ?? throw new InvalidOperationException($"No mail template mail/{key.Item2} is embedded in {key.Item1.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    });

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html, string name, string[]? raw = null) =>
        Placeholder().Replace(template, m =>
        {
            var key = m.Groups[1].Value;
            if (!values.TryGetValue(key, out var value)) throw new InvalidOperationException($"Mail template {name} uses {{{{{key}}}}}, which was not given.");
            return html && raw?.Contains(key) != true ? WebUtility.HtmlEncode(value) : value;
        });

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9]*)\}\}")]
    private static partial Regex Placeholder();
}
