namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// One socket's session: connection_init within its timeout, then the message loop (ping/pong, subscribe, complete)
/// until the client closes or the server does. Operations are started in <see cref="SocketSession"/>'s other part
/// (SocketSession.Operations.cs); every message out goes through the socket's <see cref="SocketWriter"/>.
/// </summary>
internal sealed partial class SocketSession
{
    private const int MaxMessageBytes = 256 * 1024;

    private readonly GraphQLWebSocketEndpoint endpoint;
    private readonly System.Net.WebSockets.WebSocket socket;
    private readonly SocketWriter writer;
    private readonly SocketToken token;
    private readonly SocketOperations operations = new();
    private readonly CancellationTokenSource closing;
    private bool initReceived;
    private bool acknowledged;

    public SocketSession(GraphQLWebSocketEndpoint endpoint, System.Net.WebSockets.WebSocket socket, CancellationToken aborted)
    {
        this.endpoint = endpoint;
        this.socket = socket;
        closing = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        writer = new SocketWriter(socket);
        token = new SocketToken(endpoint, CloseAsync, closing.Token);
        // the writer stops on its own when the client is too slow or the connection is lost: the session ends then
        _ = writer.Completion.ContinueWith(_ => Cancel(), TaskScheduler.Default);
    }

    public async Task RunAsync()
    {
        var initTimeout = Task.Delay(endpoint.Settings.ConnectionInitTimeout, closing.Token);
        _ = initTimeout.ContinueWith(async t =>
        {
            if (!t.IsCanceled && !initReceived) await CloseAsync(4408, "Connection initialisation timeout");
        }, TaskScheduler.Default);
        try
        {
            while (socket.State == WebSocketState.Open && !closing.IsCancellationRequested)
            {
                var message = await ReceiveAsync();
                if (message is null) break;
                await HandleAsync(message);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        finally
        {
            operations.Dispose();
            Cancel();
            if (socket.State == WebSocketState.CloseReceived) await writer.CloseAsync(1000, "Bye");
            else await writer.StopAsync();
        }
    }

    private async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, closing.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            if (result.MessageType == WebSocketMessageType.Binary)
            {
                await CloseAsync(4400, "Binary messages are not part of the protocol");
                return null;
            }
            text.Write(buffer, 0, result.Count);
            if (text.Length > MaxMessageBytes)
            {
                await CloseAsync(4400, "Message too large");
                return null;
            }
            if (result.EndOfMessage) return Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        }
    }

    private async Task HandleAsync(string text)
    {
        JsonElement message;
        string? type;
        try
        {
            using var document = JsonDocument.Parse(text);
            message = document.RootElement.Clone();
            type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            await CloseAsync(4400, "Invalid message received");
            return;
        }
        switch (type)
        {
            case "connection_init":
                await InitAsync(message);
                break;
            case "ping":
                Post("{\"type\":\"pong\"}");
                break;
            case "pong":
                break;
            case "subscribe":
                await SubscribeAsync(message);
                break;
            case "complete":
                if (Id(message) is { } id) operations.End(id);
                break;
            default:
                await CloseAsync(4400, "Invalid message received");
                break;
        }
    }

    private async Task InitAsync(JsonElement message)
    {
        if (initReceived)
        {
            await CloseAsync(4429, "Too many initialisation requests");
            return;
        }
        initReceived = true;
        var sent = message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object ? SocketToken.Of(payload) : null;
        if (sent is not null && !await token.SignInAsync(sent)) return;
        acknowledged = true;
        Post("{\"type\":\"connection_ack\"}");
    }

    private static string? Id(JsonElement message) =>
        message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 200 } s ? s : null;

    /// <summary>Queues a message (never waits; a client too slow to take its messages is closed by the writer).</summary>
    private void Post(string json)
    {
        if (socket.State == WebSocketState.Open) writer.Post(json);
    }

    /// <summary>Sends what was queued, closes the socket with the code, and ends the session.</summary>
    private async Task CloseAsync(int code, string reason)
    {
        await writer.CloseAsync(code, reason);
        Cancel();
    }

    private void Cancel()
    {
        try { closing.Cancel(); }
        catch (ObjectDisposedException) { }
    }
}
