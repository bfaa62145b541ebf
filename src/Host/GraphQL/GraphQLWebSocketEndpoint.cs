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
/// </summary>
internal sealed partial class GraphQLWebSocketEndpoint(
    GraphQLRunner runner,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLSettings> settings,
    IOptions<AuthOptions> auth,
    IServiceScopeFactory scopes,
    PersistedDocuments persisted,
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
        using var socket = await http.WebSockets.AcceptWebSocketAsync(Protocol);
        await new Connection(this, socket, http.RequestAborted).RunAsync();
    }

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
                    await CloseAsync(4403, "Forbidden");
                    return;
                }
                user = new ClaimsPrincipal(result.ClaimsIdentity);
                using var scope = endpoint.Scopes.CreateScope();
                foreach (var check in scope.ServiceProvider.GetServices<ITokenSubjectCheck>())
                {
                    string? refusal;
                    try { refusal = await check.RefusalAsync(user, closing.Token); }
                    catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
                    {
                        // 1013 "Try Again Later": the token could not be checked, the client should reconnect.
                        await CloseAsync(1013, "Try again later");
                        return;
                    }
                    if (refusal is not null)
                    {
                        await CloseAsync(4403, "Forbidden");
                        return;
                    }
                }
            }
            acknowledged = true;
            await SendAsync("{\"type\":\"connection_ack\"}");
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

            var result = await endpoint.Runner.RunAsync(request, document, user, operation.Scope.ServiceProvider, operation.Cancellation.Token, subscription: true);
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

        public void Dispose()
        {
            Subscription?.Dispose();
            cancellation.Cancel();
            cancellation.Dispose();
            scope.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscription stream failed (operation {Id})")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string id);
}
