using MimeKit;

namespace WorkersPower.Platform.Mail;

/// <summary>How the SMTP connection is secured: none (a local catcher), STARTTLS after connecting, or TLS from the start.</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>The <c>Mail:Smtp</c> settings. Without a host, mail is off.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    /// <summary>0: the usual port for <see cref="Security"/> (25 for None, 587 for StartTls, 465 for Tls).</summary>
    public int Port { get; set; }

    public string? Username { get; set; }
    public string? Password { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>At most this many SMTP connections at once, per node; each is kept open for the next mail.</summary>
    public int Connections { get; set; } = 4;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int EffectivePort => Port > 0 ? Port : Security switch { SmtpSecurity.Tls => 465, SmtpSecurity.StartTls => 587, _ => 25 };
}

/// <summary>The <c>Mail</c> section: the SMTP server and the sender's address.</summary>
public sealed class MailSettings
{
    public const string Section = "Mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The From of every mail, e.g. <c>Workers Power &lt;no-reply@workerspower.org&gt;</c>.</summary>
    public string From { get; set; } = "Workers Power <no-reply@workerspower.org>";

    /// <summary>The organisation's name in every mail.</summary>
    public string Organisation { get; set; } = "Workers Power";

    public bool Enabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>Refuses settings that cannot work, with what to set instead.</summary>
    public void Validate()
    {
        if (!Enabled) return;
        if (!MailboxAddress.TryParse(From, out _))
            throw new InvalidOperationException($"Mail:From must be an address such as \"Workers Power <no-reply@workerspower.org>\"; it is '{From}'.");
        if (Smtp.Connections is < 1 or > 64) throw new InvalidOperationException($"Mail:Smtp:Connections must be between 1 and 64; it is {Smtp.Connections}.");
        if (Smtp.Port is < 0 or > 65535) throw new InvalidOperationException($"Mail:Smtp:Port must be a TCP port; it is {Smtp.Port}.");
        if (string.IsNullOrEmpty(Smtp.Username) != string.IsNullOrEmpty(Smtp.Password))
            throw new InvalidOperationException("Mail:Smtp:Username and Mail:Smtp:Password go together: set both or neither.");
    }
}
