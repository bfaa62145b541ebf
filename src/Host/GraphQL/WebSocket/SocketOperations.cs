namespace WorkersPower.Host.GraphQL.WebSocket;

/// <summary>
/// The operations running on one socket, by their id (one operation per id, as the protocol asks), with the cap on
/// subscriptions (<see cref="GraphQLSettings.MaxSubscriptionsPerSocket"/>; queries and mutations do not count).
/// </summary>
internal sealed class SocketOperations : IDisposable
{
    private readonly ConcurrentDictionary<string, SocketOperation> operations = new(StringComparer.Ordinal);

    /// <summary>Adds the operation; false when one with the id runs already.</summary>
    public bool TryAdd(string id, SocketOperation operation) => operations.TryAdd(id, operation);

    /// <summary>Ends the operation with the id, if it runs; true when it did.</summary>
    public bool End(string id)
    {
        if (!operations.TryRemove(id, out var operation)) return false;
        operation.Dispose();
        return true;
    }

    /// <summary>Whether <paramref name="max"/> subscriptions run already.</summary>
    public bool SubscriptionsFull(int max) => operations.Values.Count(o => o.IsSubscription) >= max;

    /// <summary>Ends every operation (the socket is closing).</summary>
    public void Dispose()
    {
        foreach (var id in operations.Keys) End(id);
    }
}

/// <summary>One operation on a socket: its service scope, its cancellation and, for a subscription, the stream's subscription.</summary>
internal sealed class SocketOperation(IServiceScope scope, CancellationTokenSource cancellation) : IDisposable
{
    public IServiceScope Scope => scope;

    public CancellationTokenSource Cancellation => cancellation;

    public IDisposable? Subscription { get; private set; }

    /// <summary>The subscription's stream is running: kept to end it, and counted (workerspower.graphql.subscriptions) until then.</summary>
    public void Subscribed(IDisposable subscription)
    {
        Subscription = subscription;
        Telemetry.GraphQLTelemetry.SubscriptionStarted();
    }

    /// <summary>Whether the operation is a subscription (counted against <see cref="GraphQLSettings.MaxSubscriptionsPerSocket"/>).</summary>
    public bool IsSubscription { get; set; }

    public void Dispose()
    {
        if (Subscription is { } subscription)
        {
            subscription.Dispose();
            Telemetry.GraphQLTelemetry.SubscriptionEnded();
        }
        cancellation.Cancel();
        cancellation.Dispose();
        scope.Dispose();
    }
}
