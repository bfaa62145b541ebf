using System.Collections.Frozen;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Documents registered at build time: every .graphql file in the host's PersistedDocuments folder, known
/// by "sha256:" and the hex SHA-256 of its UTF-8 text. A request may send {"documentId": "sha256:..."}
/// instead of a query; with GraphQL:PersistedDocumentsOnly, only such requests are served.
/// </summary>
internal sealed class PersistedDocuments
{
    public const string Folder = "PersistedDocuments";
    public const string NotFoundCode = "PERSISTED_DOCUMENT_NOT_FOUND";
    public const string OnlyCode = "PERSISTED_DOCUMENTS_ONLY";

    private readonly FrozenDictionary<string, string> documents;
    private readonly bool only;

    public PersistedDocuments(IOptions<GraphQLSettings> settings)
    {
        only = settings.Value.PersistedDocumentsOnly;
        var folder = Path.Combine(AppContext.BaseDirectory, Folder);
        documents = (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.graphql", SearchOption.AllDirectories) : [])
            .Select(File.ReadAllText)
            .ToFrozenDictionary(IdOf, text => text, StringComparer.Ordinal);
    }

    public int Count => documents.Count;

    public static string IdOf(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The request with its document in place, or a bad request.</summary>
    public GraphQLHttpRequest Resolve(GraphQLHttpRequest request)
    {
        if (request.DocumentId is { } id)
        {
            if (request.Query.Length > 0) throw new BadGraphQLRequest("Send either a 'query' or a 'documentId', not both.");
            return documents.TryGetValue(id, out var text)
                ? request with { Query = text }
                : throw new BadGraphQLRequest($"No persisted document has the id '{id}'.", code: NotFoundCode);
        }
        if (only) throw new BadGraphQLRequest("This server runs only persisted documents: send a 'documentId'.", code: OnlyCode);
        return request;
    }
}
