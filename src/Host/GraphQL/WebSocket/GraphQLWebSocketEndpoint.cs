namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// GraphQL over WebSocket with the graphql-transport-ws protocol (the one the graphql-ws client speaks):
/// connection_init (with the JWT in its payload) within a timeout, ping/pong, subscribe/next/error/complete,
/// one operation per id, and the protocol's close codes (4400, 4401, 4403, 4406, 4408, 4409, 4429).
/// This class accepts the socket (subprotocol, <see cref="SocketsPerAddress"/>); <see cref="SocketSession"/> runs it,
/// <see cref="SocketToken"/> checks its token, <see cref="SocketOperations"/> holds its operations and
/// <see cref="SocketWriter"/> sends its messages. Operations are prepared and run as on HTTP
/// (<see cref="GraphQLRequestPreparation"/>, <see cref="GraphQLRunner"/>): the same limits and validated-document cache;
/// queries and mutations have the HTTP execution timeout, subscriptions have none.
/// Limits: <see cref="GraphQLSettings.MaxSocketsPerAddress"/> open sockets per client address (on this node; one more
/// is closed at once with 4429) and <see cref="GraphQLSettings.MaxSubscriptionsPerSocket"/> running subscriptions per
/// socket (one more gets an error message with code LIMIT_EXCEEDED; the socket stays).
/// </summary>
internal sealed partial class GraphQLWebSocketEndpoint(
    GraphQLRunner runner,
    GraphQLRequestPreparation preparation,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLSettings> settings,
    IOptions<AuthOptions> auth,
    IServiceScopeFactory scopes,
    SocketsPerAddress sockets,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    public const string Protocol = "graphql-transport-ws";

    internal const string TooManySockets = "Too many connections from your address";
    internal const string TokenExpired = "The access token has expired";
    internal const string TokenRefused = "Forbidden";

    internal GraphQLRunner Runner => runner;
    internal GraphQLRequestPreparation Preparation => preparation;
    internal IGraphQLTextSerializer Serializer => serializer;
    internal GraphQLSettings Settings => settings.Value;
    internal AuthOptions Auth => auth.Value;
    internal IServiceScopeFactory Scopes => scopes;
    internal ILogger Logger => logger;

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(Protocol))
        {
            // The protocol asks servers to refuse other subprotocols: accept, then close with 4406.
            using var refused = await http.WebSockets.AcceptWebSocketAsync();
            await CloseAsync(refused, 4406, "Subprotocol not acceptable");
            return;
        }
        // The address as ASP.NET Core gives it: with Proxy:KnownProxies, the client's from X-Forwarded-For.
        var address = sockets.KeyOf(http.Connection.RemoteIpAddress);
        if (!sockets.TryEnter(address, Settings.MaxSocketsPerAddress))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync(Protocol);
            await CloseAsync(refused, 4429, TooManySockets);
            return;
        }
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync(Protocol);
            Telemetry.GraphQLTelemetry.ConnectionOpened();
            try { await new SocketSession(this, socket, http.RequestAborted).RunAsync(); }
            finally { Telemetry.GraphQLTelemetry.ConnectionClosed(); }
        }
        finally
        {
            sockets.Leave(address);
        }
    }

    internal static async Task CloseAsync(System.Net.WebSockets.WebSocket socket, int code, string reason, CancellationToken cancellationToken = default)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try { await socket.CloseAsync((WebSocketCloseStatus)code, reason, cancellationToken); }
            catch (WebSocketException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-checking a WebSocket's token failed; the socket is closed")]
    internal static partial void LogRecheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscription stream failed (operation {Id})")]
    internal static partial void LogStreamError(ILogger logger, Exception exception, string id);
}
