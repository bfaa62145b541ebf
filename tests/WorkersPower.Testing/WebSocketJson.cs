using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkersPower.Testing;

/// <summary>JSON messages over a WebSocket, as the graphql-transport-ws tests send and read them.</summary>
public static class WebSocketJson
{
    public static Task SendAsync(WebSocket socket, object message, CancellationToken cancellationToken = default) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>The next whole message, or null when the server closed; throws when none comes within the timeout.</summary>
    public static async Task<JsonNode?> ReceiveAsync(WebSocket socket, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, limit.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            text.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(text.ToArray());
        }
    }
}
