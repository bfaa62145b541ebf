namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// The <see cref="ExecutionOptions"/> of a prepared request, the same for every transport: the document, operation,
/// variables and extensions, the caller and the request's services, and the time limit. Only a subscription on a
/// transport that streams (the WebSocket) runs without a time limit; queries and mutations have
/// <see cref="GraphQLSettings.Timeout"/> everywhere (HTTP cannot stream, so everything it runs has the limit).
/// </summary>
internal sealed class ExecutionOptionsBuilder(IGraphQLSerializer serializer, IOptions<GraphQLSettings> settings)
{
    public ExecutionOptions Build(
        PreparedRequest prepared,
        ClaimsPrincipal user,
        IServiceProvider services,
        bool streaming,
        Func<UnhandledExceptionContext, Task> unhandled,
        CancellationToken cancellationToken)
    {
        var request = prepared.Request;
        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = prepared.Document,
            OperationName = request.OperationName,
            Variables = ToInputs(request.Variables),
            Extensions = ToInputs(request.Extensions),
            RequestServices = services,
            User = user,
            CancellationToken = cancellationToken,
            // a subscription lives as long as its client wants; only other operations have a time limit
            Timeout = streaming && prepared.IsSubscription ? Timeout.InfiniteTimeSpan : settings.Value.Timeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            UnhandledExceptionDelegate = unhandled,
        };
        // A document that passed validation before skips GraphQL's own rules (they depend on the document and
        // schema only); the platform's registered rules (authorization, complexity...) are added to this list
        // by their configurations and run on every request.
        if (prepared.DocumentValidated) options.ValidationRules = [];
        return options;
    }

    private Inputs? ToInputs(JsonElement? element) =>
        element is { } e ? serializer.ReadNode<Inputs>(e) : null;
}
