using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace WorkersPower.MailCatcher;

/// <summary>
/// SmtpServer's listeners with Nagle's algorithm off on every connection. SmtpServer writes its answers to a
/// pipelined MAIL FROM, RCPT TO and DATA one by one; with Nagle on, the second waits for the client's delayed
/// ACK, about 40 ms a mail on Linux (46 ms measured with MailKit, 0.4 ms without pipelining). Real mail servers
/// answer at once, so the catcher does too: a benchmark against it measures the sender, not that wait.
/// Plain TCP only, as the catcher speaks no TLS.
/// </summary>
internal sealed class NoDelayListeners : EndpointListenerFactory
{
    public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var tcp = new TcpListener(endpointDefinition.Endpoint);
        tcp.Start();
        var started = new EndpointEventArgs(endpointDefinition, tcp.LocalEndpoint);
        OnEndpointStarted(started);
        return new Listener(tcp, () => OnEndpointStopped(started));
    }

    private sealed class Listener(TcpListener tcp, Action stopped) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await tcp.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, tcp.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
            return new Pipe(client);
        }

        public void Dispose()
        {
            tcp.Stop();
            stopped();
        }
    }

    private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(stream);

        public PipeWriter Output => field ??= PipeWriter.Create(stream);

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The mail catcher speaks no TLS.");

        public void Dispose()
        {
            stream.Dispose();
            client.Dispose();
        }
    }
}
