using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WorkersPower.MailCatcher;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The SMTP catcher the mail tests and build/run.sh use, driven by MailKit's client as the host's sender is: what is
/// sent arrives (in memory and as an .eml file), a refused recipient is a permanent 550, and a stopped catcher refuses
/// connections until it is started again on the same port.
/// </summary>
public sealed class MailCatcherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wp-mailcatcher-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static MimeMessage Mail(string subject, params string[] to)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Workers Power", "no-reply@workerspower.localhost"));
        foreach (var address in to) message.To.Add(MailboxAddress.Parse(address));
        message.Subject = subject;
        message.Headers.Add("List-Unsubscribe", "<https://workerspower.localhost/unsubscribe?t=1>");
        message.Body = new BodyBuilder
        {
            TextBody = "Confirm your email at https://workerspower.localhost/confirm?token=abc.\nOr ignore this (see http://example.org/help).",
            HtmlBody = "<p>Confirm at <a href=\"https://workerspower.localhost/confirm?token=abc\">this link</a></p>",
        }.ToMessageBody();
        return message;
    }

    private static async Task SendAsync(SmtpCatcher catcher, MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(catcher.Host, catcher.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }

    [Fact]
    public async Task A_mail_sent_with_MailKit_arrives_in_memory_and_as_an_eml_file()
    {
        await using var catcher = await SmtpCatcher.StartAsync(directory: _directory);
        catcher.Host.ShouldBe("127.0.0.1");
        catcher.Port.ShouldBeGreaterThan(0);

        await SendAsync(catcher, Mail("Confirm your email", "ann@example.org", "bob@example.org"));

        var mail = (await catcher.WaitForAsync(m => m.Subject == "Confirm your email")).ShouldHaveSingleItem();
        mail.EnvelopeFrom.ShouldBe("no-reply@workerspower.localhost");
        mail.EnvelopeTo.ShouldBe(["ann@example.org", "bob@example.org"]);
        mail.Text.ShouldNotBeNull().ShouldContain("Confirm your email at");
        mail.Html.ShouldNotBeNull().ShouldContain("this link");
        mail.Header("List-Unsubscribe").ShouldBe("<https://workerspower.localhost/unsubscribe?t=1>");
        mail.Header("X-Not-There").ShouldBeNull();
        mail.Links.ShouldBe(["https://workerspower.localhost/confirm?token=abc", "http://example.org/help"]);
        (DateTimeOffset.UtcNow - mail.At).ShouldBeLessThan(TimeSpan.FromMinutes(1));
        catcher.Mails.ShouldHaveSingleItem().ShouldBeSameAs(mail);

        var file = Directory.GetFiles(_directory).ShouldHaveSingleItem();
        Path.GetFileName(file).ShouldMatch(@"^\d{8}-\d{6}-\d{3}-\d+\.eml$");
        (await MimeMessage.LoadAsync(file)).Subject.ShouldBe("Confirm your email");

        catcher.Clear();
        catcher.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_recipient_the_catcher_rejects_is_answered_550_and_nothing_is_delivered()
    {
        await using var catcher = await SmtpCatcher.StartAsync();
        catcher.RejectRecipient = address => address == "gone@example.org";

        var refused = await Should.ThrowAsync<SmtpCommandException>(() => SendAsync(catcher, Mail("To nobody", "gone@example.org")));
        refused.StatusCode.ShouldBe(SmtpStatusCode.MailboxUnavailable);
        ((int)refused.StatusCode).ShouldBe(550);
        refused.ErrorCode.ShouldBe(SmtpErrorCode.RecipientNotAccepted);
        refused.Mailbox.ShouldNotBeNull().Address.ShouldBe("gone@example.org");

        await SendAsync(catcher, Mail("To someone", "ann@example.org"));
        await catcher.WaitForAsync(m => m.Subject == "To someone");
        catcher.Mails.Select(m => m.Subject).ShouldBe(["To someone"]);
    }

    [Fact]
    public async Task A_stopped_catcher_refuses_connections_until_it_starts_again_on_the_same_port()
    {
        await using var catcher = await SmtpCatcher.StartAsync();
        var port = catcher.Port;
        await SendAsync(catcher, Mail("Before", "ann@example.org"));
        await catcher.WaitForAsync(m => m.Subject == "Before");

        await catcher.StopAsync();
        catcher.IsListening.ShouldBeFalse();
        var down = await Should.ThrowAsync<SocketException>(() => SendAsync(catcher, Mail("While down", "ann@example.org")));
        down.SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);

        await catcher.StartAgainAsync();
        catcher.IsListening.ShouldBeTrue();
        catcher.Port.ShouldBe(port);
        await SendAsync(catcher, Mail("After", "ann@example.org"));
        await catcher.WaitForAsync(m => m.Subject == "After");
        catcher.Mails.Select(m => m.Subject).ShouldBe(["Before", "After"]);
    }

    [Fact]
    public async Task Stopping_cuts_off_a_client_that_stays_connected()
    {
        await using var catcher = await SmtpCatcher.StartAsync();
        using var client = new SmtpClient();
        await client.ConnectAsync(catcher.Host, catcher.Port, SecureSocketOptions.None);
        await client.NoOpAsync();

        await catcher.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // the server closed the connection: MailKit reads its end (or, had a reset come first, the reset)
        var cut = await Should.ThrowAsync<Exception>(() => client.SendAsync(Mail("Too late", "ann@example.org")));
        (cut is SmtpProtocolException or IOException).ShouldBeTrue(cut.ToString());
        catcher.Mails.ShouldBeEmpty();
    }

    [Fact]
    public async Task Waiting_for_a_mail_that_does_not_come_says_what_did()
    {
        await using var catcher = await SmtpCatcher.StartAsync();
        await SendAsync(catcher, Mail("Something else", "ann@example.org"));
        await catcher.WaitForAsync(_ => true);

        var late = await Should.ThrowAsync<TimeoutException>(() => catcher.WaitForAsync(m => m.Subject == "Welcome", timeout: TimeSpan.FromMilliseconds(300)));
        late.Message.ShouldContain("0 matched");
        late.Message.ShouldContain("\"Something else\" to ann@example.org");

        // two matches asked for, one there: it waits for the second, which comes while it waits
        var waiting = catcher.WaitForAsync(m => m.EnvelopeTo.Contains("ann@example.org"), count: 2);
        await SendAsync(catcher, Mail("Second", "ann@example.org"));
        (await waiting).Select(m => m.Subject).ShouldBe(["Something else", "Second"]);
    }
}
