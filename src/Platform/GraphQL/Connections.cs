namespace WorkersPower.Platform.GraphQL;

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>An edge seen without its node type.</summary>
public interface IEdge
{
    string Cursor { get; }
    object? NodeObject { get; }
}

public sealed class Edge<T> : IEdge
{
    private readonly Func<T, string>? keyOf;
    private string? cursor;

    public Edge(string cursor, T node)
    {
        this.cursor = cursor;
        Node = node;
    }

    /// <summary>An edge whose cursor is made from the node's key when asked for (most pages show no cursors).</summary>
    internal Edge(T node, Func<T, string> keyOf)
    {
        Node = node;
        this.keyOf = keyOf;
    }

    public T Node { get; }

    public string Cursor => cursor ??= global::WorkersPower.Platform.GraphQL.Cursor.Encode(keyOf!(Node));

    object? IEdge.NodeObject => Node;
}

/// <summary>A page of a Relay cursor connection.</summary>
public interface IConnection
{
    IEnumerable<IEdge> EdgeObjects { get; }
    IEnumerable<object?> NodeObjects { get; }
    PageInfo PageInfo { get; }
    int TotalCount { get; }
}

public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount) : IConnection
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
    IEnumerable<IEdge> IConnection.EdgeObjects => Edges;
    IEnumerable<object?> IConnection.NodeObjects => Edges.Select(e => (object?)e.Node);

    public static Connection<T> Empty { get; } = new([], new PageInfo(false, false, null, null), 0);
}

/// <summary>Opaque cursors: base64url of a key the list orders by.</summary>
public static class Cursor
{
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("c:" + key));

    public static bool TryDecode(string cursor, out string key)
    {
        key = "";
        if (cursor.Length > 256) return false;
        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (Base64Url.DecodeFromChars(cursor, bytes, out _, out var written) != System.Buffers.OperationStatus.Done) return false;
        var text = Encoding.UTF8.GetString(bytes[..written]);
        if (!text.StartsWith("c:", StringComparison.Ordinal)) return false;
        key = text[2..];
        return true;
    }
}

public sealed class PageInfoType : ObjectType<PageInfo>
{
    public PageInfoType() : base("PageInfo", "Where a page sits in its list.")
    {
        Field(x => x.HasNextPage).Description("True when more items follow the last edge.");
        Field(x => x.HasPreviousPage).Description("True when items precede the first edge.");
        Field(x => x.StartCursor, nullable: true).Description("The cursor of the first edge.");
        Field(x => x.EndCursor, nullable: true).Description("The cursor of the last edge: pass it as 'after' for the next page.");
    }
}

/// <summary>The edge type of a connection of <typeparamref name="TNodeType"/> ("MemberEdge" for MemberType).</summary>
public sealed class EdgeType<TNodeType> : ObjectGraphType<IEdge> where TNodeType : IGraphType
{
    public EdgeType()
    {
        var nodeName = typeof(TNodeType).GraphQLName();
        Name = nodeName + "Edge";
        Description = $"An edge in a connection of {nodeName}.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("An opaque cursor for this edge.")
            .Resolve(ctx => ctx.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The item at the end of the edge.")
            .Resolve(ctx => ctx.Source.NodeObject);
    }
}

/// <summary>A Relay cursor connection of <typeparamref name="TNodeType"/> ("MemberConnection" for MemberType).</summary>
public sealed class ConnectionType<TNodeType> : ObjectGraphType<IConnection> where TNodeType : IGraphType
{
    public ConnectionType()
    {
        var nodeName = typeof(TNodeType).GraphQLName();
        Name = nodeName + "Connection";
        Description = $"A page of {nodeName} items with cursors.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeType<TNodeType>>>>>("edges")
            .Description("The items of this page with their cursors.").Resolve(ctx => ctx.Source.EdgeObjects);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The items of this page.").Resolve(ctx => ctx.Source.NodeObjects);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Where this page sits in the list.")
            .Resolve(ctx => ctx.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description("How many items the whole list holds.")
            .Resolve(ctx => ctx.Source.TotalCount);
    }
}

public static class ConnectionFieldExtensions
{
    /// <summary>Adds the standard 'first'/'after' and 'last'/'before' arguments to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"How many items to return from the start or after the cursor (0 to {PageRequest.MaxPageSize}; default {PageRequest.DefaultPageSize}).")
            .Argument<StringGraphType>("after", "Return the items after this cursor (pageInfo.endCursor of the previous page).")
            .Argument<IntGraphType>("last", $"How many items to return from the end or before the cursor (0 to {PageRequest.MaxPageSize}); with 'before', pages backward.")
            .Argument<StringGraphType>("before", "Return the items before this cursor (pageInfo.startCursor of the next page).");
}
