using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServices = SmtpServer.ComponentModel.ServiceProvider;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace WorkersPower.MailCatcher;

/// <summary>
/// An SMTP server on 127.0.0.1 that accepts every mail (no TLS, no authentication) and keeps it: in memory for tests
/// (<see cref="Mails"/>, <see cref="WaitForAsync"/>) and, with a directory, as one .eml file per mail for people
/// (<c>yyyyMMdd-HHmmss-fff-n.eml</c>, the arrival time in UTC). It can be stopped and started again on the same port
/// (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) and made to refuse recipients (<see cref="RejectRecipient"/>),
/// for the tests of a sender's faults.
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    /// <summary>How long <see cref="WaitForAsync"/> waits unless told.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly List<CaughtMail> _mails = [];
    private TaskCompletionSource _arrived = NewSignal();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private (SmtpServerHost Server, Task Run)? _running;
    private int _fileNumber;

    private SmtpCatcher(string? directory) => Directory = directory;

    /// <summary>The address to send to: always loopback.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port it listens on (also while stopped: <see cref="StartAgainAsync"/> takes it again).</summary>
    public int Port { get; private set; }

    /// <summary>Where each mail is also written as an .eml file, or null (memory only).</summary>
    public string? Directory { get; }

    /// <summary>Whether it is listening (false between <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>).</summary>
    public bool IsListening => _running is not null;

    /// <summary>
    /// When set and it answers true for an envelope recipient's address (<c>user@host</c>), RCPT TO for that address is
    /// answered 550 (a permanent failure); the mail still goes to the other recipients. Read at each RCPT.
    /// </summary>
    public Func<string, bool>? RejectRecipient { get; set; }

    /// <summary>The mails caught so far (since the last <see cref="Clear"/>), oldest first: a snapshot.</summary>
    public IReadOnlyList<CaughtMail> Mails
    {
        get { lock (_gate) return [.. _mails]; }
    }

    /// <summary>
    /// Starts a catcher. Port 0 takes a free loopback port below the kernel's ephemeral range (so that no outgoing
    /// connection can take it while the catcher is stopped); another port must be free or this throws a
    /// <see cref="SocketException"/>. With a directory (created when missing), every mail is also written there.
    /// </summary>
    public static async Task<SmtpCatcher> StartAsync(int port = 0, string? directory = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (directory is not null)
        {
            directory = Path.GetFullPath(directory);
            System.IO.Directory.CreateDirectory(directory);
        }
        var catcher = new SmtpCatcher(directory);
        if (port != 0)
        {
            await catcher.ListenAsync(port);
            return catcher;
        }
        // Bind-test candidates from a random start in 20000-32767, so parallel test processes rarely try the same one.
        const int low = 20000, high = 32768;
        var start = low + Random.Shared.Next(high - low);
        for (var i = 0; i < high - low; i++)
        {
            try
            {
                await catcher.ListenAsync(low + (start - low + i) % (high - low));
                return catcher;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied) { }
        }
        throw new InvalidOperationException($"No free port on 127.0.0.1 between {low} and {high - 1}.");
    }

    /// <summary>Stops listening: from its return, connections to <see cref="Port"/> are refused. Sessions under way are cut off.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_running is not { } running) return;
            _running = null;
            running.Server.Shutdown();
            try { await running.Run; } catch (OperationCanceledException) { }
        }
        finally { _lifecycle.Release(); }
    }

    /// <summary>Listens again on the same <see cref="Port"/> after <see cref="StopAsync"/> (nothing to do when listening).</summary>
    public async Task StartAgainAsync()
    {
        // A port just closed can stay unbindable for a moment; give it a few seconds before giving up.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ListenAsync(Port);
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> caught mails match (default timeout <see cref="DefaultWait"/>) and
    /// answers every match, oldest first. Throws a <see cref="TimeoutException"/> saying what did arrive otherwise.
    /// </summary>
    public async Task<IReadOnlyList<CaughtMail>> WaitForAsync(Func<CaughtMail, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var limit = timeout ?? DefaultWait;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            CaughtMail[] all;
            Task arrived;
            lock (_gate)
            {
                all = [.. _mails];
                arrived = _arrived.Task;
            }
            var found = all.Where(match).ToList();
            if (found.Count >= count) return found;
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {count} matching mail(s) on {Host}:{Port}; {found.Count} matched. "
                    + (all.Length == 0 ? "No mail arrived." : $"{all.Length} mail(s) arrived: {string.Join("; ", all.Select(m => m.ToString()))}."));
            try { await arrived.WaitAsync(left); } catch (TimeoutException) { }
        }
    }

    /// <summary>Forgets the mails caught so far (files written stay).</summary>
    public void Clear()
    {
        lock (_gate) _mails.Clear();
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ListenAsync(int port)
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_running is not null) return;
            var options = new SmtpServerOptionsBuilder()
                .ServerName("mail-catcher.localhost")
                .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
                .Build();
            var listeners = new EndpointListenerFactory();
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            listeners.EndpointStarted += (_, _) => listening.TrySetResult();
            var services = new SmtpServices();
            services.Add(listeners);
            services.Add(new Store(this));
            services.Add(new Filter(this));
            var server = new SmtpServerHost(options, services);
            var run = server.StartAsync(CancellationToken.None);
            if (await Task.WhenAny(listening.Task, run) == run)
            {
                await run; // a failed bind throws its SocketException here
                throw new InvalidOperationException($"The SMTP server on 127.0.0.1:{port} stopped before it listened.");
            }
            Port = port;
            _running = (server, run);
        }
        finally { _lifecycle.Release(); }
    }

    private void Keep(byte[] raw, MimeMessage message, string from, IReadOnlyList<string> to)
    {
        var mail = new CaughtMail(message, from, to, DateTimeOffset.UtcNow);
        if (Directory is not null) Write(raw, mail.At);
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _mails.Add(mail);
            arrived = _arrived;
            _arrived = NewSignal();
        }
        arrived.TrySetResult();
    }

    /// <summary>Writes the mail as received, under a temporary name first so that no one reads half a file.</summary>
    private void Write(byte[] raw, DateTimeOffset at)
    {
        var temporary = Path.Combine(Directory!, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, raw);
        while (true)
        {
            var path = Path.Combine(Directory!, $"{at.UtcDateTime:yyyyMMdd-HHmmss-fff}-{Interlocked.Increment(ref _fileNumber)}.eml");
            try
            {
                File.Move(temporary, path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(path)) { } // a file of an earlier run with the same name: take the next number
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Address(IMailbox? mailbox) =>
        mailbox is null || string.IsNullOrEmpty(mailbox.User) ? "" : mailbox.AsAddress();

    private sealed class Store(SmtpCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw, writable: false);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            catcher.Keep(raw, message, Address(transaction.From), [.. transaction.To.Select(Address)]);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpCatcher catcher) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(catcher.RejectRecipient?.Invoke(Address(to)) != true);
    }
}
