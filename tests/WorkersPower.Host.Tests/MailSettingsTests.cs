using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using WorkersPower.Platform.Mail;

namespace WorkersPower.Host.Tests;

/// <summary>Mail settings, templates and failures, without a database or a mail server.</summary>
public sealed class MailSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static Mailer MailerFor(params (string Key, string Value)[] values)
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging();
        services.AddMail(Config(values), new Environment("Development"));
        return services.BuildServiceProvider().GetRequiredService<Mailer>();
    }

    [Fact]
    public void In_production_mail_on_without_a_public_url_stops_the_start_saying_what_to_set()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            new ServiceCollection().AddMail(Config(("Mail:Smtp:Host", "smtp.example.org")), new Environment("Production")));
        error.Message.ShouldContain("Site:PublicUrl is not");
        error.Message.ShouldContain("Set Site:PublicUrl");
    }

    [Fact]
    public void Mail_off_needs_no_public_url_even_in_production_and_elsewhere_the_hosts_address_stands_in()
    {
        Should.NotThrow(() => new ServiceCollection().AddMail(Config(), new Environment("Production")));
        var mailer = MailerFor(("Mail:Smtp:Host", "127.0.0.1"), ("urls", "http://+:5080;https://+:5443"));
        mailer.Enabled.ShouldBeTrue();
        mailer.PublicUrl.ShouldBe("http://localhost:5080");
        MailerFor().Enabled.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Mail:From", "not an address", "Mail:From must be an address")]
    [InlineData("Mail:Smtp:Connections", "0", "Mail:Smtp:Connections must be between 1 and 64")]
    [InlineData("Mail:Smtp:Username", "user", "Mail:Smtp:Username and Mail:Smtp:Password go together")]
    public void Settings_that_cannot_work_are_refused_at_start(string key, string value, string message) =>
        Should.Throw<InvalidOperationException>(() => MailerFor(("Mail:Smtp:Host", "127.0.0.1"), (key, value))).Message.ShouldContain(message);

    [Fact]
    public void A_template_renders_subject_text_and_encoded_html_inside_the_layout()
    {
        var mailer = MailerFor(("Mail:Smtp:Host", "127.0.0.1"), ("Site:PublicUrl", "https://workerspower.example/"));
        var mail = mailer.Compose(Guid.NewGuid(), new MailRecipient("rosa@example.org", "Rosa"), typeof(MailSettingsTests).Assembly, "test-greeting",
            new Dictionary<string, string> { ["Name"] = "Rosa <b>", ["Place"] = "the hall & bar" });
        mail.Content.Subject.ShouldBe("Hello Rosa <b>");
        mail.Content.Text.ShouldStartWith("Dear Rosa <b>,\n\nThe meeting is at the hall & bar.");
        mail.Content.Text.ShouldContain("Workers Power · https://workerspower.example");
        mail.Content.Text.ShouldContain("it concerns your membership or your account");
        mail.Content.Html.ShouldContain("<p>Dear Rosa &lt;b&gt;,</p>");
        mail.Content.Html.ShouldContain("the hall &amp; bar");
        mail.Content.Html.ShouldContain("<title>Hello Rosa &lt;b&gt;</title>");
        mail.Content.Html.ShouldNotContain("Rosa <b>");
    }

    [Fact]
    public void A_template_using_a_value_nobody_gives_is_an_error_not_a_blank()
    {
        var mailer = MailerFor(("Mail:Smtp:Host", "127.0.0.1"));
        Should.Throw<InvalidOperationException>(() => mailer.Compose(Guid.NewGuid(), new MailRecipient("a@example.org"), typeof(MailSettingsTests).Assembly, "test-broken",
            new Dictionary<string, string>())).Message.ShouldContain("{{Missing}}");
        Should.Throw<InvalidOperationException>(() => mailer.Compose(Guid.NewGuid(), new MailRecipient("a@example.org"), typeof(MailSettingsTests).Assembly, "no-such-mail",
            new Dictionary<string, string>())).Message.ShouldContain("mail/no-such-mail.txt");
    }

    [Fact]
    public void Mail_that_needs_consent_carries_the_one_click_unsubscribe_headers_and_transactional_mail_does_not()
    {
        var mailer = MailerFor(("Mail:Smtp:Host", "127.0.0.1"), ("Mail:From", "Workers Power <no-reply@workerspower.example>"));
        var id = Guid.NewGuid();
        var values = new Dictionary<string, string> { ["Name"] = "Rosa", ["Place"] = "the hall" };
        var unsubscribe = new Uri("https://workerspower.example/unsubscribe?token=abc");
        var consent = mailer.ToMime(mailer.Compose(id, new MailRecipient("rosa@example.org", "Rosa"), typeof(MailSettingsTests).Assembly, "test-greeting", values, unsubscribe));
        consent.Headers["List-Unsubscribe"].ShouldBe("<https://workerspower.example/unsubscribe?token=abc>");
        consent.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        consent.MessageId.ShouldBe($"{id:N}@workerspower.example");
        consent.TextBody!.ShouldContain("To stop, unsubscribe: https://workerspower.example/unsubscribe?token=abc");
        consent.HtmlBody!.ShouldContain("href=\"https://workerspower.example/unsubscribe?token=abc\"");

        var transactional = mailer.ToMime(mailer.Compose(id, new MailRecipient("rosa@example.org"), typeof(MailSettingsTests).Assembly, "test-greeting", values));
        transactional.Headers.Contains("List-Unsubscribe").ShouldBeFalse();
        transactional.From.ToString().ShouldBe("\"Workers Power\" <no-reply@workerspower.example>");
    }

    [Fact]
    public void The_same_subject_gives_the_same_mail_id_and_another_a_different_one()
    {
        var action = Guid.NewGuid();
        var member = Guid.NewGuid();
        var at = DateTimeOffset.Parse("2026-12-01T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        MailId.Of("reminder", action, member, at).ShouldBe(MailId.Of("reminder", action, member, at));
        MailId.Of("reminder", action, member, at.AddHours(1)).ShouldNotBe(MailId.Of("reminder", action, member, at));
        MailId.Of("cancelled", action, member, at).ShouldNotBe(MailId.Of("reminder", action, member, at));
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxUnavailable, true)] // 550
    [InlineData(SmtpStatusCode.TransactionFailed, true)] // 554
    [InlineData(SmtpStatusCode.MailboxBusy, false)] // 450
    [InlineData(SmtpStatusCode.ServiceNotAvailable, false)] // 421
    public void A_5xx_answer_is_permanent_a_4xx_answer_transient_and_neither_message_names_the_address(SmtpStatusCode code, bool permanent)
    {
        var failure = SmtpMailTransport.Failure(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, code,
            new MimeKit.MailboxAddress("", "rosa@example.org"), "5.1.1 <rosa@example.org>: Recipient address rejected"));
        failure.Permanent.ShouldBe(permanent);
        failure.Message.ShouldBe($"The mail server answered {(int)code} (RecipientNotAccepted).");
        failure.InnerException.ShouldBeNull();
    }

    [Fact]
    public void A_server_that_cannot_be_reached_or_does_not_answer_is_a_transient_failure()
    {
        var refused = SmtpMailTransport.Failure(new SocketException((int)SocketError.ConnectionRefused));
        refused.Permanent.ShouldBeFalse();
        refused.Message.ShouldBe("The mail server could not be reached (ConnectionRefused).");
        SmtpMailTransport.Failure(new TimeoutException()).Permanent.ShouldBeFalse();
        SmtpMailTransport.Failure(new IOException("broken pipe")).Message.ShouldBe("The connection to the mail server failed (IOException).");
    }
}
