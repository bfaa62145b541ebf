namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>A session's operations: "subscribe" prepared and run as on HTTP, results and stream values posted to the writer.</summary>
internal sealed partial class SocketSession
{
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
        if (!await token.HoldsAsync()) return;
        var operation = new SocketOperation(endpoint.Scopes.CreateScope(), CancellationTokenSource.CreateLinkedTokenSource(closing.Token));
        if (!operations.TryAdd(id, operation))
        {
            operation.Dispose();
            await CloseAsync(4409, $"Subscriber for {id} already exists");
            return;
        }

        PreparedRequest prepared;
        try
        {
            prepared = endpoint.Preparation.Prepare(GraphQLRequestReader.FromJsonBody(Encoding.UTF8.GetBytes(payload.GetRawText())));
        }
        catch (BadGraphQLRequest bad)
        {
            operations.End(id);
            PostError(id, new ExecutionError(bad.Message) { Code = bad.Code });
            return;
        }

        if (prepared.IsSubscription)
        {
            var max = endpoint.Settings.MaxSubscriptionsPerSocket;
            if (operations.SubscriptionsFull(max))
            {
                operations.End(id);
                PostError(id, new ExecutionError(
                    $"At most {max} subscriptions may run on one connection: complete one before starting another.") { Code = DocumentLimits.Code });
                return;
            }
            operation.IsSubscription = true;
        }

        // Subscriptions alone run without a time limit (streaming); queries and mutations have the HTTP one.
        var result = await endpoint.Runner.RunAsync(prepared, token.User, operation.Scope.ServiceProvider, operation.Cancellation.Token, streaming: true);
        if (!result.Executed)
        {
            operations.End(id);
            Post($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{ErrorsJson(result)}}}");
            return;
        }
        if (result.Streams is { Count: > 0 } streams)
        {
            operation.Subscribed(streams.Values.First().Subscribe(new Observer(this, id, endpoint.Runner.NameOf(prepared))));
            return;
        }
        PostNext(id, result);
        Complete(id);
    }

    private string ErrorsJson(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(endpoint.Serializer.Serialize(result));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    private void PostError(string id, ExecutionError error) =>
        Post($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"error\",\"payload\":{ErrorsJson(new ExecutionResult { Errors = [error] })}}}");

    private void PostNext(string id, ExecutionResult result) =>
        Post($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"next\",\"payload\":{endpoint.Serializer.Serialize(result)}}}");

    private void Complete(string id)
    {
        if (operations.End(id)) Post($"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"complete\"}}");
    }

    /// <summary>A subscription's stream: each value is queued for the writer, on the producer's thread, without waiting.</summary>
    private sealed class Observer(SocketSession session, string id, string operationName) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            using var delivery = Telemetry.GraphQLTelemetry.StartDelivery(operationName);
            session.PostNext(id, value);
        }

        public void OnError(Exception error)
        {
            GraphQLWebSocketEndpoint.LogStreamError(session.endpoint.Logger, error, id);
            session.PostError(id, new ExecutionError("The subscription failed.") { Code = ErrorCodes.Internal });
            session.operations.End(id);
        }

        public void OnCompleted() => session.Complete(id);
    }
}
