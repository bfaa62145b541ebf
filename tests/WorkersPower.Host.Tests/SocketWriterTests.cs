using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WorkersPower.Host.GraphQL.WebSocket;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The per-socket writer of the WebSocket transport: posting never waits on the network, a client that does not read
/// holds up no other socket, and one that lets its queue fill is closed with 1008 (or aborted when even that cannot go out).
/// </summary>
public sealed class SocketWriterTests
{
    [Fact]
    public async Task A_client_that_never_reads_blocks_no_poster_and_no_other_socket_and_is_closed_when_its_queue_fills()
    {
        var stuck = new FakeSocket(reads: false);
        var slow = new SocketWriter(stuck, capacity: 8, closeGrace: TimeSpan.FromMilliseconds(500));
        var reader = new FakeSocket(reads: true);
        var other = new SocketWriter(reader, capacity: 8);

        var posting = Stopwatch.StartNew();
        var refused = 0;
        for (var i = 0; i < 100; i++)
        {
            if (!slow.Post($"{{\"n\":{i}}}")) refused++;
            other.Post($"{{\"n\":{i}}}").ShouldBeTrue();
            while (reader.Sent.Count <= i) await Task.Delay(1); // the other socket's client keeps up
        }
        posting.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        refused.ShouldBeGreaterThan(0);
        reader.Sent.ShouldBe(Enumerable.Range(0, 100).Select(i => $"{{\"n\":{i}}}"));

        // the stuck client's socket is given up: its send cancelled after the grace, the connection aborted
        (await Task.WhenAny(slow.Completion, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(slow.Completion);
        stuck.Aborted.ShouldBeTrue();
        stuck.Sent.Count.ShouldBeLessThanOrEqualTo(1);

        await other.CloseAsync(1000, "Bye");
        reader.ClosedWith.ShouldBe(1000);
    }

    [Fact]
    public async Task A_client_that_reads_too_slowly_is_closed_with_1008_and_the_rest_of_its_queue_is_dropped()
    {
        var gate = new TaskCompletionSource();
        var lagging = new FakeSocket(reads: true, until: gate.Task);
        var writer = new SocketWriter(lagging, capacity: 4);
        var posted = 0;
        while (writer.Post($"{{\"n\":{posted}}}")) posted++;
        posted.ShouldBeInRange(4, 5); // the queue, and perhaps the one being sent

        gate.SetResult();
        (await Task.WhenAny(writer.Completion, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(writer.Completion);
        lagging.ClosedWith.ShouldBe(SocketWriter.TooSlowCode);
        lagging.CloseReason.ShouldBe(SocketWriter.TooSlow);
        lagging.Sent.Count.ShouldBeLessThanOrEqualTo(1);
        writer.Post("{}").ShouldBeFalse();
    }

    [Fact]
    public async Task A_close_sends_what_was_posted_before_it_in_order()
    {
        var socket = new FakeSocket(reads: true);
        var writer = new SocketWriter(socket);
        for (var i = 0; i < 20; i++) writer.Post($"{i}").ShouldBeTrue();
        await writer.CloseAsync(4403, "Forbidden");
        socket.Sent.ShouldBe(Enumerable.Range(0, 20).Select(i => $"{i}"));
        socket.ClosedWith.ShouldBe(4403);
    }

    /// <summary>A socket whose client reads (sends complete, after <c>until</c> when given) or never does (sends wait until cancelled).</summary>
    private sealed class FakeSocket(bool reads, Task? until = null) : WebSocket
    {
        private volatile WebSocketState state = WebSocketState.Open;

        public List<string> Sent { get; } = [];

        public int? ClosedWith { get; private set; }

        public string? CloseReason { get; private set; }

        public bool Aborted { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => (WebSocketCloseStatus?)ClosedWith;
        public override string? CloseStatusDescription => CloseReason;
        public override WebSocketState State => state;
        public override string? SubProtocol => "graphql-transport-ws";

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            if (!reads) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (until is not null) await until.WaitAsync(cancellationToken);
            lock (Sent) Sent.Add(Encoding.UTF8.GetString(buffer));
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            ClosedWith = (int)closeStatus;
            CloseReason = statusDescription;
            state = WebSocketState.Closed;
            return Task.CompletedTask;
        }

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override void Abort()
        {
            Aborted = true;
            state = WebSocketState.Aborted;
        }

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Dispose() { }
    }
}
