using System.Threading.Channels;

namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// The one sender of a socket: every message (acknowledgements, pongs, results, subscription values, errors,
/// completions) is queued with <see cref="Post"/>, which never waits, and one loop sends them in order, then the
/// close frame when one was asked for. So a subscription's observer, called on whatever thread produced the value,
/// never blocks that thread on the network, and a slow client holds up no one but itself.
/// <para>
/// Policy for a slow client: the queue is bounded (<see cref="DefaultCapacity"/> messages); a client that lets it
/// fill (it does not read, or reads more slowly than its subscriptions produce) is closed with 1008 (policy
/// violation) "<see cref="TooSlow"/>", and when even the close cannot go out within <see cref="DefaultCloseGrace"/>, the
/// connection is aborted. Not drop-oldest: a socket carries more than progress values (query results, "error" and
/// "complete" messages, the last value of a count), and a client silently missing some would show a wrong picture;
/// a closed socket is visible, and the client reconnects and subscribes again, getting the current values.
/// </para>
/// </summary>
internal sealed class SocketWriter
{
    public const int DefaultCapacity = 512;
    public const int TooSlowCode = 1008;
    public const string TooSlow = "Client too slow: messages were not read";

    /// <summary>How long a close waits for the messages before it and the close frame to go out before the connection is aborted.</summary>
    public static readonly TimeSpan DefaultCloseGrace = TimeSpan.FromSeconds(10);

    private readonly System.Net.WebSockets.WebSocket socket;
    private readonly Channel<string> queue;
    private readonly CancellationTokenSource abort = new();
    private readonly TimeSpan closeGrace;
    private readonly Lock gate = new();
    private (int Code, string Reason)? close;
    private bool stopping;
    private volatile bool discard;

    public SocketWriter(System.Net.WebSockets.WebSocket socket, int capacity = DefaultCapacity, TimeSpan? closeGrace = null)
    {
        this.socket = socket;
        this.closeGrace = closeGrace ?? DefaultCloseGrace;
        queue = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: full means false, never a wait
        });
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Ends when the writer has stopped: the close frame sent (or the connection aborted or lost).</summary>
    public Task Completion { get; }

    /// <summary>Queues a message without waiting; false when the writer is stopping, or the queue was full (the socket is then closed, 1008).</summary>
    public bool Post(string json)
    {
        if (queue.Writer.TryWrite(json)) return true;
        Stop(TooSlowCode, TooSlow, discardQueued: true);
        return false;
    }

    /// <summary>Sends what was queued before, then closes with the code; the task ends when the writer has stopped.</summary>
    public Task CloseAsync(int code, string reason)
    {
        Stop(code, reason, discardQueued: false);
        return Completion;
    }

    /// <summary>Stops without a close frame (the session ended: the client closed or the connection is gone).</summary>
    public Task StopAsync()
    {
        Stop(null, "", discardQueued: true);
        return Completion;
    }

    private void Stop(int? code, string reason, bool discardQueued)
    {
        lock (gate)
        {
            if (stopping) return;
            stopping = true;
            if (code is { } c) close = (c, reason);
            discard = discardQueued;
        }
        queue.Writer.TryComplete();
        // a send or close the client does not take within the grace is cancelled, which aborts the connection
        try { abort.CancelAfter(closeGrace); }
        catch (ObjectDisposedException) { }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var json in queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                if (discard) break;
                if (socket.State != WebSocketState.Open) continue;
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, abort.Token);
            }
            if (close is { } c) await GraphQLWebSocketEndpoint.CloseAsync(socket, c.Code, c.Reason, abort.Token);
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            lock (gate) stopping = true;
            queue.Writer.TryComplete();
            if (abort.IsCancellationRequested && socket.State is not (WebSocketState.Closed or WebSocketState.Aborted)) socket.Abort();
        }
    }
}
