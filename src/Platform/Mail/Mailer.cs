using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace WorkersPower.Platform.Mail;

/// <summary>
/// What handlers use to send mail: whether mail is on, links to the public site, rendering a template into a
/// mail and sending it. A handler that sends mail composes and sends it itself (from its durable queue, so a
/// failure is retried by the failure policy); its message carries ids only, never an address or a mail's text.
/// </summary>
public sealed class Mailer(MailSettings settings, string publicUrl, SmtpMailTransport transport, TimeProvider clock)
{
    public bool Enabled => settings.Enabled;
    public string Organisation => settings.Organisation;

    /// <summary>The public site's address without a trailing slash (Site:PublicUrl).</summary>
    public string PublicUrl => publicUrl;

    /// <summary>A link into the public site carrying a token, e.g. <c>Link("/activate", token)</c>.</summary>
    public Uri Link(string path, string token) => new($"{publicUrl}{path}?token={Uri.EscapeDataString(token)}");

    /// <summary>
    /// Renders template <paramref name="template"/> embedded in <paramref name="templates"/> for one recipient.
    /// With <paramref name="unsubscribe"/> (mail that needs consent) the footer says why they receive it and how to
    /// stop, and the List-Unsubscribe headers are added; without it the footer says it concerns their membership.
    /// </summary>
    public OutgoingMail Compose(Guid id, MailRecipient to, Assembly templates, string template, IReadOnlyDictionary<string, string> values, Uri? unsubscribe = null)
    {
        var footer = unsubscribe is null
            ? "You receive this mail because it concerns your membership or your account; it is sent whatever your mail preferences."
            : $"You receive this mail because you agreed to hear from {Organisation} by email. To stop, unsubscribe: {unsubscribe}";
        var footerHtml = unsubscribe is null
            ? WebUtility.HtmlEncode(footer)
            : $"You receive this mail because you agreed to hear from {WebUtility.HtmlEncode(Organisation)} by email. <a href=\"{WebUtility.HtmlEncode(unsubscribe.ToString())}\" style=\"color:#5a5a5a;\">Unsubscribe</a>.";
        var layout = new Dictionary<string, string>
        {
            ["Organisation"] = Organisation,
            ["PublicUrl"] = publicUrl,
            ["Footer"] = footer,
            ["FooterHtml"] = footerHtml,
        };
        var common = new Dictionary<string, string>(values) { ["Organisation"] = Organisation, ["PublicUrl"] = publicUrl };
        return new OutgoingMail(id, to, MailTemplates.Render(templates, template, common, layout), unsubscribe);
    }

    /// <summary>Sends the mail now; throws <see cref="MailDeliveryException"/> when it cannot (the failure policy retries or dead-letters it).</summary>
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        if (!Enabled) throw new InvalidOperationException("Mail is off (Mail:Smtp:Host is not set): check Mailer.Enabled before sending.");
        return transport.SendAsync(ToMime(mail), cancellationToken);
    }

    internal MimeMessage ToMime(OutgoingMail mail)
    {
        var from = MailboxAddress.Parse(settings.From);
        var message = new MimeMessage
        {
            Subject = mail.Content.Subject,
            Date = clock.GetUtcNow(),
            MessageId = $"{mail.Id:N}@{from.Domain}",
        };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.To.Name ?? "", mail.To.Address));
        if (mail.Unsubscribe is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = mail.Content.Text, HtmlBody = mail.Content.Html }.ToMessageBody();
        return message;
    }
}

public static class MailRegistration
{
    /// <summary>
    /// Mail:… and Site:PublicUrl: the <see cref="Mailer"/>, the <see cref="SiteUrl"/>, and a line in the log at start
    /// saying whether mail is on. With mail on, production needs Site:PublicUrl (links in mails must point somewhere
    /// real); elsewhere the host's own first address stands in.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(MailSettings.Section).Get<MailSettings>() ?? new MailSettings();
        settings.Validate();
        var site = SiteUrl.From(configuration, environment);
        services.AddSingleton(site);
        if (settings.Enabled && site.BaseUrl is null && environment.IsProduction())
            throw new InvalidOperationException(
                $"Mail is on (Mail:Smtp:Host is set) but {SiteUrl.Setting} is not: the links in mails (activation, password reset, unsubscribe) need the public site's address. Set {SiteUrl.Setting}, e.g. https://workerspower.org.");
        var publicUrl = site.BaseUrl ?? StandIn(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(_ => new SmtpMailTransport(settings));
        services.AddSingleton(sp => new Mailer(settings, publicUrl, sp.GetRequiredService<SmtpMailTransport>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => new MailStatusLog(settings, site.BaseUrl is null ? publicUrl : null, sp.GetRequiredService<ILogger<Mailer>>()));
        return services;
    }

    /// <summary>Outside production, without Site:PublicUrl: the host's first listening address (ASPNETCORE_URLS), else localhost:5000.</summary>
    private static string StandIn(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            return "http://localhost:5000";
        return uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Logs once, at start, whether mail is on and where it goes.</summary>
    private sealed class MailStatusLog(MailSettings settings, string? standIn, ILogger logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!settings.Enabled)
                logger.LogInformation("Mail is off: Mail:Smtp:Host is not set. Nothing is mailed; an approval's invitation token goes to whoever approved.");
            else
                logger.LogInformation("Mail is on: SMTP {Host}:{Port} ({Security}), at most {Connections} connections; links point to {PublicUrl}.",
                    settings.Smtp.Host, settings.Smtp.EffectivePort, settings.Smtp.Security, settings.Smtp.Connections, standIn is null ? "Site:PublicUrl" : standIn + " (Site:PublicUrl is not set)");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
