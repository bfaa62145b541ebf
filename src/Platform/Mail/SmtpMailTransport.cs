using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace WorkersPower.Platform.Mail;

/// <summary>
/// Sends mail over SMTP with MailKit through at most <see cref="SmtpSettings.Connections"/> connections per node,
/// each kept open for the next mail. Failures become <see cref="MailDeliveryException"/>s that say what happened
/// without an address: a refused or dropped connection, a timeout or a 4xx answer is transient (retried); a 5xx
/// answer is permanent.
/// </summary>
public sealed class SmtpMailTransport(MailSettings settings) : IAsyncDisposable
{
    private readonly SemaphoreSlim slots = new(settings.Smtp.Connections);
    private readonly ConcurrentBag<SmtpClient> idle = [];

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            var fresh = !idle.TryTake(out var kept);
            var client = kept ?? await ConnectAsync(cancellationToken);
            while (true)
            {
                try
                {
                    await client.SendAsync(message, cancellationToken);
                    idle.Add(client);
                    return;
                }
                catch (SmtpCommandException e)
                {
                    // The server answered: the connection is still good for the next mail.
                    if (client.IsConnected) idle.Add(client);
                    else client.Dispose();
                    throw Failure(e);
                }
                catch (Exception e)
                {
                    client.Dispose();
                    if (fresh || cancellationToken.IsCancellationRequested) throw cancellationToken.IsCancellationRequested ? e : Failure(e);
                    // A kept connection the server closed meanwhile: once more on a fresh one.
                    client = await ConnectAsync(cancellationToken);
                    fresh = true;
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)settings.Smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = settings.Smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.Smtp.Host!, settings.Smtp.EffectivePort, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.Username))
                await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
            return client;
        }
        catch (Exception e)
        {
            client.Dispose();
            if (cancellationToken.IsCancellationRequested) throw;
            throw Failure(e);
        }
    }

    /// <summary>What went wrong, for logs and dead letters: the kind and the server's code, never an address.</summary>
    internal static MailDeliveryException Failure(Exception e) => e switch
    {
        MailDeliveryException known => known,
        SmtpCommandException c => new MailDeliveryException(
            $"The mail server answered {(int)c.StatusCode} ({c.ErrorCode}).", permanent: (int)c.StatusCode >= 500),
        SocketException s => new MailDeliveryException($"The mail server could not be reached ({s.SocketErrorCode}).", permanent: false),
        AuthenticationException => new MailDeliveryException("The mail server refused Mail:Smtp:Username and Mail:Smtp:Password.", permanent: false),
        SslHandshakeException => new MailDeliveryException("The TLS handshake with the mail server failed (check Mail:Smtp:Security).", permanent: false),
        TimeoutException or OperationCanceledException => new MailDeliveryException("The mail server did not answer in time.", permanent: false),
        _ => new MailDeliveryException($"The connection to the mail server failed ({e.GetType().Name}).", permanent: false),
    };

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(true);
            }
            catch (Exception e) when (e is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or OperationCanceledException)
            {
                // closing anyway
            }
            client.Dispose();
        }
        slots.Dispose();
    }
}
