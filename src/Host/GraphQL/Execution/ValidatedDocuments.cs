namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Documents that were parsed, passed the document limits and GraphQL's own validation rules, by their
/// text. Those rules depend on the document and the schema only, so a repeated document (every client
/// sends the same few) skips parsing and them; the rules that depend on the caller or the variables
/// (authorization, complexity and depth in <see cref="ComplexityLimits"/>, introspection) still run on every
/// request, so a document is weighed the same whether it was cached or not. Only documents that ran are kept:
/// one refused by a limit is refused again each time it is sent. Bounded: when full, it starts
/// again empty, so a flood of distinct documents costs parsing, as without it, and no more memory.
/// A document with a mutation is kept only when every value in it comes in variables: a literal in a mutation
/// (<c>signIn(input: { password: "…" })</c>, a phone number in <c>applyForMembership</c>) would otherwise stay
/// in memory, as the key, long after the request. Queries with literals are kept: they name what is read.
/// </summary>
internal sealed class ValidatedDocuments(IOptions<GraphQLSettings> settings)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> documents = new(StringComparer.Ordinal);

    private long hits;

    public bool TryGet(string query, out GraphQLDocument document)
    {
        if (!documents.TryGetValue(query, out document!)) return false;
        Interlocked.Increment(ref hits);
        return true;
    }

    /// <summary>How many requests took their document from here (for tests).</summary>
    internal long Hits => Interlocked.Read(ref hits);

    public void Remember(string query, GraphQLDocument document)
    {
        var capacity = settings.Value.ValidatedDocumentCache;
        if (capacity <= 0) return;
        if (HoldsMutationLiterals(document)) return;
        if (documents.Count >= capacity) documents.Clear();
        documents.TryAdd(query, document);
    }

    /// <summary>The texts kept (for tests).</summary>
    internal IReadOnlyCollection<string> Texts => documents.Keys.ToList();

    /// <summary>Whether the document has a mutation and any literal value (an argument, a variable's default, a directive's argument).</summary>
    internal static bool HoldsMutationLiterals(GraphQLDocument document)
    {
        if (!document.Definitions.OfType<GraphQLOperationDefinition>().Any(o => o.Operation == OperationType.Mutation)) return false;
        var finder = new LiteralFinder();
        // The finder never awaits (every visit of a value returns at once), so the walk has ended when VisitAsync
        // returns; were it ever not to have ended, the document counts as holding literals and is not kept.
        var walk = finder.VisitAsync(document, new WalkContext());
        return !walk.IsCompletedSuccessfully || finder.Found;
    }

    /// <summary>Finds scalar literals anywhere (lists and objects are made of them); variables are not literals.</summary>
    private sealed class LiteralFinder : ASTVisitor<WalkContext>
    {
        public bool Found { get; private set; }

        private ValueTask Literal()
        {
            Found = true;
            return default;
        }

        protected override ValueTask VisitStringValueAsync(GraphQLStringValue stringValue, WalkContext context) => Literal();
        protected override ValueTask VisitIntValueAsync(GraphQLIntValue intValue, WalkContext context) => Literal();
        protected override ValueTask VisitFloatValueAsync(GraphQLFloatValue floatValue, WalkContext context) => Literal();
        protected override ValueTask VisitBooleanValueAsync(GraphQLBooleanValue booleanValue, WalkContext context) => Literal();
        protected override ValueTask VisitEnumValueAsync(GraphQLEnumValue enumValue, WalkContext context) => Literal();
        protected override ValueTask VisitNullValueAsync(GraphQLNullValue nullValue, WalkContext context) => Literal();
    }
}
