namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>A request read and checked, with its document parsed (or taken from <see cref="ValidatedDocuments"/>).</summary>
internal sealed record PreparedRequest(GraphQLHttpRequest Request, GraphQLDocument Document, bool DocumentValidated)
{
    /// <summary>The operation the request selects, or null when the name matches none (the executor then reports it).</summary>
    public GraphQLOperationDefinition? Operation { get; } = GraphQLRequestReader.SelectOperation(Document, Request.OperationName);

    public bool IsSubscription => Operation is { Operation: OperationType.Subscription };
}

/// <summary>
/// The one way a request becomes something to execute, for HTTP and WebSocket alike: persisted documents are put
/// in place, inputs checked, the document's size limited, then the document taken from
/// <see cref="ValidatedDocuments"/> or parsed and held to <see cref="DocumentLimits"/>. After execution
/// <see cref="Executed"/> keeps a document that ran (with the cache's own rules: no mutation literals).
/// </summary>
internal sealed class GraphQLRequestPreparation(IOptions<GraphQLSettings> settings, PersistedDocuments persisted, ValidatedDocuments validated)
{
    /// <summary>The prepared request; throws <see cref="BadGraphQLRequest"/> when it cannot be run.</summary>
    public PreparedRequest Prepare(GraphQLHttpRequest read)
    {
        var request = persisted.Resolve(read);
        request.CheckInputs();
        if (request.Query.Length > settings.Value.MaxDocumentBytes)
            throw new BadGraphQLRequest($"The document is longer than {settings.Value.MaxDocumentBytes} characters.");
        if (validated.TryGet(request.Query, out var document)) return new PreparedRequest(request, document, DocumentValidated: true);
        document = GraphQLRequestReader.ParseDocument(request.Query);
        DocumentLimits.Check(document, settings.Value);
        return new PreparedRequest(request, document, DocumentValidated: false);
    }

    /// <summary>Keeps the document of a request that ran, so the next one like it skips parsing and validation.</summary>
    public void Executed(PreparedRequest prepared, ExecutionResult result)
    {
        if (!prepared.DocumentValidated && result.Executed) validated.Remember(prepared.Request.Query, prepared.Document);
    }
}
