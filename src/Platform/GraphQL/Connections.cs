using System.Buffers.Text;
using System.Text;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace WorkersPower.Platform.GraphQL;

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>An edge seen without its node type.</summary>
public interface IEdge
{
    string Cursor { get; }
    object? NodeObject { get; }
}

public sealed record Edge<T>(string Cursor, T Node) : IEdge
{
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

/// <summary>A validated request for a page: how many, and after which cursor's key.</summary>
public sealed record PageRequest(int First, string? AfterKey)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Reads and checks <c>first</c> and <c>after</c> from a field's arguments.</summary>
    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first") ?? DefaultPageSize;
        if (first < 0 || first > MaxPageSize)
            throw new ExecutionError($"'first' must be between 0 and {MaxPageSize}.") { Code = ErrorCodes.BadUserInput };
        var after = context.GetArgument<string?>("after");
        string? key = null;
        if (after is not null && !Cursor.TryDecode(after, out key))
            throw new ExecutionError("'after' is not a cursor this field gave out.") { Code = ErrorCodes.BadUserInput };
        return new PageRequest(first, key);
    }

    /// <summary>
    /// Builds the connection from up to First+1 rows fetched after the cursor (the extra row tells whether
    /// there is a next page).
    /// </summary>
    public Connection<T> ToConnection<T>(IReadOnlyList<T> rowsPlusOne, Func<T, string> key, int totalCount)
    {
        var hasNext = rowsPlusOne.Count > First;
        var edges = rowsPlusOne.Take(First).Select(r => new Edge<T>(Cursor.Encode(key(r)), r)).ToList();
        return new Connection<T>(
            edges,
            new PageInfo(hasNext, AfterKey is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            totalCount);
    }
}

/// <summary>Opaque cursors: base64url of a key the list orders by.</summary>
public static class Cursor
{
    public static string Encode(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("c:" + key));

    public static bool TryDecode(string cursor, out string key)
    {
        key = "";
        if (cursor.Length > 256) return false;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("c:", StringComparison.Ordinal)) return false;
            key = text[2..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its list.";
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
    /// <summary>Adds the standard 'first' and 'after' arguments to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"How many items to return (0 to {PageRequest.MaxPageSize}; default {PageRequest.DefaultPageSize}).")
            .Argument<StringGraphType>("after", "Return the items after this cursor (pageInfo.endCursor of the previous page).");
}
