using GraphQLParser;
using GraphQLParser.Exceptions;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>A GraphQL-over-HTTP request, as read from a POST body or GET query string.</summary>
internal sealed record GraphQLHttpRequest(string Query, string? OperationName, JsonElement? Variables, JsonElement? Extensions, string? DocumentId = null)
{
    /// <summary>
    /// Refuses what GraphQL would accept but the platform cannot: text holding the NUL character (U+0000),
    /// which PostgreSQL cannot store, and variables or extensions naming one field twice. Both end as a clear
    /// 400 here rather than an error deep inside.
    /// </summary>
    public void CheckInputs()
    {
        if (Query.Contains('\0') || Query.Contains("\\u0000", StringComparison.OrdinalIgnoreCase) ||
            (Variables is { } v && v.GetRawText().Contains("\\u0000", StringComparison.OrdinalIgnoreCase)))
            throw new BadGraphQLRequest("Text may not contain the NUL character (U+0000).");
        if ((Variables is { } variables && HasDuplicateNames(variables)) || (Extensions is { } extensions && HasDuplicateNames(extensions)))
            throw new BadGraphQLRequest("A name appears twice in one object of the variables or extensions.");
    }

    private static bool HasDuplicateNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().CountBy(p => p.Name, StringComparer.Ordinal).Any(name => name.Value > 1)
            || element.EnumerateObject().Any(p => HasDuplicateNames(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasDuplicateNames),
        _ => false,
    };
}

/// <summary>Why a request could not be taken as a GraphQL request.</summary>
internal sealed class BadGraphQLRequest(string message, IReadOnlyList<Location>? locations = null, bool malformed = false, string? code = null) : Exception(message)
{
    /// <summary>The error code for extensions.code (BAD_REQUEST unless a limit says otherwise).</summary>
    public string Code { get; } = code ?? WorkersPower.Platform.ErrorCodes.BadRequest;

    public IReadOnlyList<Location>? Locations { get; } = locations;

    /// <summary>The body is not JSON at all (answered 400 whatever the media type).</summary>
    public bool Malformed { get; } = malformed;
}

/// <summary>Reads and checks the request parameters as the GraphQL over HTTP specification defines them.</summary>
internal static class GraphQLRequestReader
{
    public static GraphQLHttpRequest FromJsonBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) throw new BadGraphQLRequest("The request body is empty: send a JSON object with a 'query'.", malformed: true);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new BadGraphQLRequest("The request body is not valid JSON.", malformed: true);
        }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BadGraphQLRequest("The request body must be a JSON object.");
            var documentId = OptionalString(root, "documentId");
            return new GraphQLHttpRequest(
                documentId is not null && !root.TryGetProperty("query", out _) ? "" : RequiredString(root, "query"),
                OptionalString(root, "operationName"),
                OptionalObject(root, "variables"),
                OptionalObject(root, "extensions"),
                documentId);
        }
    }

    public static GraphQLHttpRequest FromQueryString(IQueryCollection query)
    {
        string? Single(string name) =>
            query.TryGetValue(name, out var values)
                ? values.Count == 1 ? values[0] : throw new BadGraphQLRequest($"The '{name}' parameter may be given once.")
                : null;

        var text = Single("query");
        var documentId = Single("documentId");
        if (string.IsNullOrEmpty(text) && documentId is null) throw new BadGraphQLRequest("The 'query' parameter is required.");
        return new GraphQLHttpRequest(
            text ?? "",
            Single("operationName") is { Length: > 0 } op ? op : null,
            ParseObjectParameter("variables", Single("variables")),
            ParseObjectParameter("extensions", Single("extensions")),
            documentId);
    }

    /// <summary>Parses the document; a syntax error is a bad request.</summary>
    public static GraphQLDocument ParseDocument(string query)
    {
        try
        {
            return Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 128 });
        }
        catch (GraphQLSyntaxErrorException e)
        {
            throw new BadGraphQLRequest($"Syntax error: {e.Description}", [new Location(e.Location.Line, e.Location.Column)]);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            throw new BadGraphQLRequest("The document is nested too deeply.");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // GraphQL-Parser fails this way on some malformed documents while it writes its own syntax error's message
            // (found by FuzzTests): still a syntax error, without the place it could not compute.
            throw new BadGraphQLRequest("Syntax error: the document is not valid GraphQL.");
        }
    }

    /// <summary>The operation the request selects, or null when the name matches none (the executor then reports it).</summary>
    public static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operationName is null) return operations.Count == 1 ? operations[0] : null;
        return operations.FirstOrDefault(o => o.Name is not null && o.Name.Value == operationName);
    }

    private static string RequiredString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new BadGraphQLRequest($"The '{name}' parameter is required.");
        if (value.ValueKind != JsonValueKind.String)
            throw new BadGraphQLRequest($"The '{name}' parameter must be a string.");
        return value.GetString()!;
    }

    private static string? OptionalString(JsonElement root, string name) => Optional(root, name, JsonValueKind.String, "a string")?.GetString();

    private static JsonElement? OptionalObject(JsonElement root, string name) => Optional(root, name, JsonValueKind.Object, "an object (a map)")?.Clone();

    /// <summary>The parameter when it is of <paramref name="kind"/>, null when absent or null, else a bad request.</summary>
    private static JsonElement? Optional(JsonElement root, string name, JsonValueKind kind, string what) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == kind ? value
        : throw new BadGraphQLRequest($"The '{name}' parameter must be {what} or null.");

    private static JsonElement? ParseObjectParameter(string name, string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Null) return null;
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.Clone()
                : throw new BadGraphQLRequest($"The '{name}' parameter must be a JSON-encoded object.");
        }
        catch (JsonException)
        {
            throw new BadGraphQLRequest($"The '{name}' parameter is not valid JSON.");
        }
    }
}
