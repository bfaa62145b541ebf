using System.Collections.Concurrent;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace WorkersPower.Host.GraphQL;

/// <summary>
/// Documents that were parsed, passed the document limits and GraphQL's own validation rules, by their
/// text. Those rules depend on the document and the schema only, so a repeated document (every client
/// sends the same few) skips parsing and them; the rules that depend on the caller or the variables
/// (authorization, complexity and depth in <see cref="ComplexityLimits"/>, introspection) still run on every
/// request, so a document is weighed the same whether it was cached or not. Only documents that ran are kept:
/// one refused by a limit is refused again each time it is sent. Bounded: when full, it starts
/// again empty, so a flood of distinct documents costs parsing, as without it, and no more memory.
/// </summary>
internal sealed class ValidatedDocuments(IOptions<GraphQLSettings> settings)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    public bool TryGet(string query, out GraphQLDocument document) => documents.TryGetValue(query, out document!);

    public void Remember(string query, GraphQLDocument document)
    {
        var capacity = settings.Value.ValidatedDocumentCache;
        if (capacity <= 0) return;
        if (documents.Count >= capacity) documents.Clear();
        documents.TryAdd(query, document);
    }
}
