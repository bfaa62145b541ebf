using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Host.GraphQL;

/// <summary>
/// GraphQL over WebSocket with the graphql-transport-ws protocol (the one the graphql-ws client speaks):
/// connection_init (with the JWT in its payload) within a timeout, ping/pong, subscribe/next/error/complete,
/// one operation per id, and the protocol's close codes (4400, 4401, 4403, 4406, 4408, 4409, 4429).
/// A socket's token is checked as on HTTP at connection_init, again before every operation and every
/// <see cref="GraphQLSettings.WebSocketRecheckInterval"/> (the account still exists, holds the token's roles, its
/// member is in good standing), and the socket is closed with 4403 at the token's expiry or on a refusal, which
/// ends its subscriptions. Queries and mutations have the HTTP execution timeout; subscriptions have none.
/// Limits: <see cref="GraphQLSettings.MaxSocketsPerAddress"/> open sockets per client address (on this node; one more
/// is closed at once with 4429) and <see cref="GraphQLSettings.MaxSubscriptionsPerSocket"/> running subscriptions per
/// socket (one more gets an error message with code LIMIT_EXCEEDED; the socket stays).
/// </summary>
internal sealed partial class GraphQLWebSocketEndpoint(
    GraphQLRunner runner,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLSettings> settings,
    IOptions<AuthOptions> auth,
    IServiceScopeFactory scopes,
    PersistedDocuments persisted,
    SocketsPerAddress sockets,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    public const string Protocol = "graphql-transport-ws";

    private GraphQLRunner Runner => runner;
    private IGraphQLTextSerializer Serializer => serializer;
    private IOptions<GraphQLSettings> Settings => settings;
    private IOptions<AuthOptions> Auth => auth;
    private IServiceScopeFactory Scopes => scopes;
    private ILogger Logger => logger;
    private PersistedDocuments Persisted => persisted;
    private const int MaxMessageBytes = 256 * 1024;

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
        if (!sockets.TryEnter(address, Settings.Value.MaxSocketsPerAddress))
        {
            using var refused = await http.WebSockets.AcceptWebSocketAsync(Protocol);
            await CloseAsync(refused, 4429, TooManySockets);
            return;
        }
        try
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync(Protocol);
            await new Connection(this, socket, http.RequestAborted).RunAsync();
        }
        finally
        {
            sockets.Leave(address);
        }
    }

    internal const string TooManySockets = "Too many connections from your address";
    internal const string TokenExpired = "The access token has expired";
    internal const string TokenRefused = "Forbidden";

    private static async Task CloseAsync(WebSocket socket, int code, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try { await socket.CloseAsync((WebSocketCloseStatus)code, reason, CancellationToken.None); }
            catch (WebSocketException) { }
        }
    }

    private sealed class Connection(GraphQLWebSocketEndpoint endpoint, WebSocket socket, CancellationToken aborted)
    {
        private readonly SemaphoreSlim sending = new(1, 1);

        internal ILogger Logger => endpoint.Logger;
        private readonly ConcurrentDictionary<string, Operation> operations = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource closing = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        private ClaimsPrincipal user = new(new ClaimsIdentity());
        private DateTime? tokenExpires; // UTC; null for an anonymous socket
        private bool initReceived;
        private bool acknowledged;

        public async Task RunAsync()
        {
            var initTimeout = Task.Delay(endpoint.Settings.Value.ConnectionInitTimeout, closing.Token);
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
                foreach (var operation in operations.Values) operation.Dispose();
                operations.Clear();
                await closing.CancelAsync();
                if (socket.State == WebSocketState.CloseReceived) await GraphQLWebSocketEndpoint.CloseAsync(socket, 1000, "Bye");
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
                    await SendAsync("{\"type\":\"pong\"}");
                    break;
                case "pong":
                    break;
                case "subscribe":
                    await SubscribeAsync(message);
                    break;
                case "complete":
                    if (Id(message) is { } id && operations.TryRemove(id, out var operation)) operation.Dispose();
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
            var token = message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object ? TokenOf(payload) : null;
            if (token is not null)
            {
                var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, endpoint.Auth.Value.ValidationParameters());
                if (!result.IsValid)
                {
                    await CloseAsync(4403, TokenRefused);
                    return;
                }
                user = new ClaimsPrincipal(result.ClaimsIdentity);
                // The socket lives no longer than its token (not even the validation's clock skew).
                tokenExpires = result.SecurityToken.ValidTo;
                if (!await TokenHoldsAsync()) return;
                WatchToken(tokenExpires.Value);
            }
            acknowledged = true;
            await SendAsync("{\"type\":\"connection_ack\"}");
        }

        /// <summary>
        /// Whether the socket's token still holds: not expired, and every <see cref="ITokenSubjectCheck"/> lets its
        /// subject act (answers cached a few seconds, as on HTTP). When it does not, the socket is closed (4403, or 1013
        /// when the database cannot answer), which ends its operations and subscriptions.
        /// </summary>
        private async Task<bool> TokenHoldsAsync()
        {
            if (tokenExpires is not { } expires) return true; // anonymous: nothing to check
            if (DateTime.UtcNow >= expires)
            {
                await CloseAsync(4403, TokenExpired);
                return false;
            }
            using var scope = endpoint.Scopes.CreateScope();
            foreach (var check in scope.ServiceProvider.GetServices<ITokenSubjectCheck>())
            {
                string? refusal;
                try { refusal = await check.RefusalAsync(user, closing.Token); }
                catch (OperationCanceledException) when (closing.IsCancellationRequested) { return false; }
                catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
                {
                    // 1013 "Try Again Later": the token could not be checked, the client should reconnect.
                    await CloseAsync(1013, "Try again later");
                    return false;
                }
                if (refusal is not null)
                {
                    await CloseAsync(4403, TokenRefused);
                    return false;
                }
            }
            return true;
        }

        /// <summary>Closes the socket at the token's expiry, and re-checks the token now and then even when no operation comes.</summary>
        private void WatchToken(DateTime expires)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    // Task.Delay takes at most about 24 days at once
                    for (var left = expires - DateTime.UtcNow; left > TimeSpan.Zero; left = expires - DateTime.UtcNow)
                        await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), closing.Token);
                    await CloseAsync(4403, TokenExpired);
                }
                catch (OperationCanceledException) { }
                catch (ObjectDisposedException) { }
            });
            var interval = endpoint.Settings.Value.WebSocketRecheckInterval;
            if (interval <= TimeSpan.Zero) return;
            _ = Task.Run(async () =>
            {
                try
                {
                    using var timer = new PeriodicTimer(interval);
                    while (await timer.WaitForNextTickAsync(closing.Token) && await TokenHoldsAsync()) { }
                }
                catch (OperationCanceledException) { }
                catch (ObjectDisposedException) { }
                catch (Exception e)
                {
                    // a check that fails unexpectedly must not leave the socket open unchecked
                    LogRecheckFailed(Logger, e);
                    await CloseAsync(1011, "Internal error");
                }
            });
        }

        private static string? TokenOf(JsonElement payload)
        {
            foreach (var property in payload.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                var value = property.Value.GetString()!;
                if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                    return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : value.Trim();
                if (property.Name is "token" or "accessToken") return value.Trim();
            }
            return null;
        }

        private static string? Id(JsonElement message) =>
            message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= 200 } s ? s : null;

        private async Task SubscribeAsync(JsonElement message)
        {
            if (!acknowledged)
            {
                await CloseAsync(4401, "Unauthorized");
                return;
            }
            if (Id(message) is not { } id || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                await CloseAsync(4400, "Invalid message received");
                return;
            }
            // Every operation: the token must still hold, as on every HTTP request.
            if (!await TokenHoldsAsync()) return;
            var operation = new Operation(endpoint.Scopes.CreateScope(), CancellationTokenSource.CreateLinkedTokenSource(closing.Token));
            if (!operations.TryAdd(id, operation))
            {
                operation.Dispose();
                await CloseAsync(4409, $"Subscriber for {id} already exists");
                return;
            }

            GraphQLHttpRequest request;
            GraphQLDocument document;
            try
            {
                request = endpoint.Persisted.Resolve(GraphQLRequestReader.FromJsonBody(Encoding.UTF8.GetBytes(payload.GetRawText())));
                request.CheckInputs();
                if (request.Query.Length > endpoint.Settings.Value.MaxDocumentBytes)
                    throw new BadGraphQLRequest($"The document is longer than {endpoint.Settings.Value.MaxDocumentBytes} characters.");
                document = GraphQLRequestReader.ParseDocument(request.Query);
                DocumentLimits.Check(document, endpoint.Settings.Value);
            }
            catch (BadGraphQLRequest bad)
            {
                Forget(id);
                await SendErrorAsync(id, new ExecutionError(bad.Message) { Code = bad.Code });
                return;
            }

            // Subscriptions alone run without a time limit; queries and mutations have the HTTP one.
            var subscription = GraphQLRequestReader.SelectOperation(document, request.OperationName) is { Operation: OperationType.Subscription };
            if (subscription)
            {
                var max = endpoint.Settings.Value.MaxSubscriptionsPerSocket;
                if (operations.Values.Count(o => o.IsSubscription) >= max)
                {
                    Forget(id);
                    await SendErrorAsync(id, new ExecutionError(
                        $"At most {max} subscriptions may run on one connection: complete one before starting another.") { Code = DocumentLimits.Code });
                    return;
                }
                operation.IsSubscription = true;
            }

            var result = await endpoint.Runner.RunAsync(request, document, user, operation.Scope.ServiceProvider, operation.Cancellation.Token, subscription);
            if (!result.Executed)
            {
                Forget(id);
                await SendAsync($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{ErrorsJson(result)}}}");
                return;
            }
            if (result.Streams is { Count: > 0 } streams)
            {
                var stream = streams.Values.First();
                operation.Subscription = stream.Subscribe(new Observer(this, id));
                return;
            }
            await SendNextAsync(id, result);
            if (operations.TryRemove(id, out var done)) done.Dispose();
            await SendAsync($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"complete\"}}");
        }

        private void Forget(string id)
        {
            if (operations.TryRemove(id, out var operation)) operation.Dispose();
        }

        private string ErrorsJson(ExecutionResult result)
        {
            using var document = JsonDocument.Parse(endpoint.Serializer.Serialize(result));
            return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
        }

        private Task SendErrorAsync(string id, ExecutionError error) =>
            SendAsync($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{ErrorsJson(new ExecutionResult { Errors = [error] })}}}");

        internal Task SendNextAsync(string id, ExecutionResult result) =>
            SendAsync($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"next\",\"payload\":{endpoint.Serializer.Serialize(result)}}}");

        internal async Task CompleteAsync(string id)
        {
            if (operations.TryRemove(id, out var operation))
            {
                operation.Dispose();
                await SendAsync($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"complete\"}}");
            }
        }

        private async Task SendAsync(string json)
        {
            if (socket.State != WebSocketState.Open) return;
            await sending.WaitAsync(CancellationToken.None);
            try
            {
                if (socket.State == WebSocketState.Open)
                    await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, closing.Token);
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) { }
            finally
            {
                sending.Release();
            }
        }

        private async Task CloseAsync(int code, string reason)
        {
            await sending.WaitAsync(CancellationToken.None);
            try { await GraphQLWebSocketEndpoint.CloseAsync(socket, code, reason); }
            finally { sending.Release(); }
            await closing.CancelAsync();
        }

        private sealed class Observer(Connection connection, string id) : IObserver<ExecutionResult>
        {
            public void OnNext(ExecutionResult value) => connection.SendNextAsync(id, value).GetAwaiter().GetResult();

            public void OnError(Exception error)
            {
                LogStreamError(connection.Logger, error, id);
                connection.SendErrorAsync(id, new ExecutionError("The subscription failed.") { Code = ErrorCodes.Internal }).GetAwaiter().GetResult();
                connection.Forget(id);
            }

            public void OnCompleted() => connection.CompleteAsync(id).GetAwaiter().GetResult();
        }
    }

    private sealed class Operation(IServiceScope scope, CancellationTokenSource cancellation) : IDisposable
    {
        public IServiceScope Scope => scope;

        public CancellationTokenSource Cancellation => cancellation;

        public IDisposable? Subscription { get; set; }

        /// <summary>Whether the operation is a subscription (counted against <see cref="GraphQLSettings.MaxSubscriptionsPerSocket"/>).</summary>
        public bool IsSubscription { get; set; }

        public void Dispose()
        {
            Subscription?.Dispose();
            cancellation.Cancel();
            cancellation.Dispose();
            scope.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-checking a WebSocket's token failed; the socket is closed")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscription stream failed (operation {Id})")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string id);
}
