using System.Globalization;
using WorkersPower.MailCatcher;

namespace WorkersPower.Testing;

/// <summary>A host with mail on, sending over real SMTP to an in-process server (<see cref="Catcher"/>).</summary>
public class MailFixture : PlatformFixture
{
    public const string PublicUrl = "https://test.workerspower.org";

    public SmtpCatcher Catcher { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Mail:Smtp:Host"] = Catcher.Host;
        settings["Mail:Smtp:Port"] = Catcher.Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Smtp:Security"] = "None";
        settings["Mail:From"] = "Workers Power <no-reply@test.workerspower.org>";
        settings["Site:PublicUrl"] = PublicUrl;
        return settings;
    }

    public override async Task InitializeAsync()
    {
        Catcher = await SmtpCatcher.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Catcher.DisposeAsync();
    }

    /// <summary>The token of the invitation mail sent to <paramref name="email"/> (waits for it).</summary>
    public async Task<string> InvitationTokenAsync(string email) =>
        TokenIn((await Catcher.WaitForAsync(m => m.EnvelopeTo.Contains(email, StringComparer.OrdinalIgnoreCase)
            && m.Links.Any(l => l.StartsWith(PublicUrl + "/activate?token=", StringComparison.Ordinal))))[0], "/activate");

    /// <summary>The token of the link to <paramref name="path"/> (e.g. "/activate") in a mail.</summary>
    public static string TokenIn(CaughtMail mail, string path)
    {
        var prefix = PublicUrl + path + "?token=";
        var link = mail.Links.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {path} link in the mail '{mail.Subject}': {string.Join(", ", mail.Links)}");
        return Uri.UnescapeDataString(link[prefix.Length..]);
    }
}
