using System.Collections.Frozen;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Documents registered at build time: every .graphql file in the host's PersistedDocuments folder, and every
/// entry of its .json files (relay-compiler's persisted.json from the web client: {"&lt;sha256 hex&gt;": "&lt;text&gt;"}),
/// known by "sha256:" and the hex SHA-256 of its UTF-8 text. A request may send {"documentId": "sha256:..."}
/// instead of a query; with GraphQL:PersistedDocumentsOnly, only such requests are served.
/// </summary>
internal sealed class PersistedDocuments(IOptions<GraphQLSettings> settings)
{
    public const string Folder = "PersistedDocuments";
    public const string NotFoundCode = "PERSISTED_DOCUMENT_NOT_FOUND";
    public const string OnlyCode = "PERSISTED_DOCUMENTS_ONLY";

    private readonly FrozenDictionary<string, string> documents = Load(Path.Combine(AppContext.BaseDirectory, Folder))
        .DistinctBy(IdOf, StringComparer.Ordinal).ToFrozenDictionary(IdOf, text => text, StringComparer.Ordinal);

    private readonly bool only = settings.Value.PersistedDocumentsOnly;

    public int Count => documents.Count;

    /// <summary>The texts of the folder's .graphql files and of its .json maps' entries (whose keys must be their hashes).</summary>
    internal static IEnumerable<string> Load(string folder)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.GetFiles(folder, "*.graphql", SearchOption.AllDirectories)) yield return File.ReadAllText(file);
        foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories))
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"The persisted documents file {file} is empty.");
            foreach (var (hash, text) in map)
                yield return IdOf(text) == "sha256:" + hash ? text
                    : throw new InvalidOperationException($"In {file}, the document '{hash}' is not the SHA-256 of its text: rebuild the web client.");
        }
    }

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
