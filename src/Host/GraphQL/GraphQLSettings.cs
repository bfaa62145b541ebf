namespace WorkersPower.Host.GraphQL;

/// <summary>The "GraphQL" configuration section: limits that are on by default.</summary>
public sealed class GraphQLSettings
{
    public const string Section = "GraphQL";

    /// <summary>Deepest selection nesting a document may have.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Deepest nesting of a document made only of introspection (<c>__schema</c>, <c>__type</c>, <c>__typename</c>), which
    /// skips <see cref="MaxComplexity"/>. 15 (measured as <see cref="MaxDepth"/>: the operation is level 1, each field with a
    /// selection set one more) is what graphql-js's <c>getIntrospectionQuery</c> needs with every option; GraphiQL,
    /// graphql-codegen, Relay's and Apollo's tooling send it.
    /// </summary>
    public int IntrospectionMaxDepth { get; set; } = 15;

    /// <summary>Highest complexity score a document may have (lists weigh by their page size).</summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>Most aliases one document may use (alias bombs).</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Most root fields one operation may select.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Longest GraphQL document accepted, in characters.</summary>
    public int MaxDocumentBytes { get; set; } = 64 * 1024;

    /// <summary>How long one operation may run.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a WebSocket client has to send connection_init before it is closed (4408).</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often a WebSocket's token is checked again while no operation comes (account gone, role revoked, member
    /// suspended, resigned or erased: closed with 4403). Every operation checks it too, and the socket closes at
    /// the token's expiry whatever this says. Zero or less: only operations and the expiry.
    /// </summary>
    public TimeSpan WebSocketRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most subscriptions running at once on one WebSocket; one more gets an error message (LIMIT_EXCEEDED).</summary>
    public int MaxSubscriptionsPerSocket { get; set; } = 20;

    /// <summary>Most WebSockets open at once from one client address on one node; one more is closed at once with 4429.</summary>
    public int MaxSocketsPerAddress { get; set; } = 100;

    /// <summary>Whether validation errors suggest field and type names ("Did you mean ...?"); turn off with introspection.</summary>
    public bool FieldSuggestions { get; set; } = true;

    /// <summary>Serve only the persisted documents registered at build time (locked-down production).</summary>
    public bool PersistedDocumentsOnly { get; set; }

    /// <summary>How many validated documents are kept, so repeated documents skip parsing and schema validation (0 turns it off).</summary>
    public int ValidatedDocumentCache { get; set; } = 1000;

    /// <summary>Whether introspection queries are answered (turn off in locked-down production).</summary>
    public bool Introspection { get; set; } = true;
}
