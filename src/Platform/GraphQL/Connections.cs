using System.Linq.Expressions;
using Marten.Services.BatchQuerying;

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

/// <summary>
/// A validated request for a page: how many (first or last), and from which cursor's key (after, or before
/// when paging backward). Keyset lists fetch Size+1 rows in the fetching direction; the extra row tells
/// whether more lie that way.
/// </summary>
public sealed record PageRequest(int First, string? AfterKey, bool Backward = false)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Reads and checks <c>first</c>/<c>after</c> or <c>last</c>/<c>before</c> from a field's arguments.</summary>
    public static PageRequest From(IResolveFieldContext context)
    {
        var first = context.GetArgument<int?>("first");
        var last = context.HasArgument("last") ? context.GetArgument<int?>("last") : null;
        var after = context.GetArgument<string?>("after");
        var before = context.HasArgument("before") ? context.GetArgument<string?>("before") : null;
        if ((last is not null || before is not null) && (first is not null || after is not null))
            throw new ExecutionError("Page forward with first/after or backward with last/before, not both.") { Code = ErrorCodes.BadUserInput };
        var backward = last is not null || before is not null;
        var size = (backward ? last : first) ?? DefaultPageSize;
        if (size < 0 || size > MaxPageSize)
            throw new ExecutionError($"'{(backward ? "last" : "first")}' must be between 0 and {MaxPageSize}.") { Code = ErrorCodes.BadUserInput };
        var cursor = backward ? before : after;
        string? key = null;
        if (cursor is not null && !Cursor.TryDecode(cursor, out key))
            throw new ExecutionError($"'{(backward ? "before" : "after")}' is not a cursor this field gave out.") { Code = ErrorCodes.BadUserInput };
        return new PageRequest(size, key, backward);
    }

    /// <summary>A forward-only list (e.g. ranked search) refuses last/before clearly.</summary>
    public PageRequest ForwardOnly() => Backward
        ? throw new ExecutionError("This list pages forward only: use first/after.") { Code = ErrorCodes.BadUserInput }
        : this;

    /// <summary>
    /// Keyset paging over a number the list is ordered by (newest first when <paramref name="descending"/>):
    /// the cursor filter, the order in the fetching direction, and Size+1 rows.
    /// </summary>
    public IBatchedQueryable<T> Keyset<T>(IBatchedQueryable<T> query, Expression<Func<T, long>> key, bool descending)
    {
        var forwardIsDescending = descending != Backward;
        if (AfterKey is not null)
        {
            var value = long.TryParse(AfterKey, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ExecutionError("The cursor is not one of this list.") { Code = ErrorCodes.BadUserInput };
            var compare = forwardIsDescending
                ? Expression.LessThan(key.Body, Expression.Constant(value))
                : Expression.GreaterThan(key.Body, Expression.Constant(value));
            query = query.Where(Expression.Lambda<Func<T, bool>>(compare, key.Parameters));
        }
        return (forwardIsDescending ? query.OrderByDescending(key) : query.OrderBy(key)).Take(First + 1);
    }

    /// <summary>Keyset paging over a unique text key the list is ordered by, ascending.</summary>
    public IBatchedQueryable<T> Keyset<T>(IBatchedQueryable<T> query, Expression<Func<T, string>> key)
    {
        if (AfterKey is not null)
        {
            var compareTo = Expression.Call(key.Body, typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!, Expression.Constant(AfterKey));
            var compare = Backward
                ? Expression.LessThan(compareTo, Expression.Constant(0))
                : Expression.GreaterThan(compareTo, Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<T, bool>>(compare, key.Parameters));
        }
        return (Backward ? query.OrderByDescending(key) : query.OrderBy(key)).Take(First + 1);
    }

    /// <summary>
    /// A page of a document list ordered by a number (newest first when <paramref name="descending"/>) and the
    /// list's total, in one round trip: <paramref name="filter"/> narrows both.
    /// </summary>
    public Task<Connection<T>> PageAsync<T>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, long>> key, bool descending, CancellationToken cancellationToken) where T : class
    {
        var keyOf = key.Compile();
        return PageAsync(session, filter, q => Keyset(q, key, descending), r => keyOf(r).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>
    /// As the other <c>PageAsync</c>, but each row is read through <paramref name="select"/> (a Marten Select
    /// projection: only the fields it names leave PostgreSQL), for lists that show less than the whole document;
    /// <paramref name="keyOfRow"/> gives a row's value of <paramref name="key"/>, for its cursor.
    /// </summary>
    public Task<Connection<TRow>> PageAsync<T, TRow>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, long>> key, bool descending, Expression<Func<T, TRow>> select, Func<TRow, long> keyOfRow, CancellationToken cancellationToken)
        where T : class
    {
        return PageAsync<T, TRow>(session, filter, q => Keyset(q, key, descending).Select(select).ToList(),
            r => keyOfRow(r).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>As the other <c>PageAsync</c> with a Select projection, over a unique text key the list is ordered by, ascending.</summary>
    public Task<Connection<TRow>> PageAsync<T, TRow>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, string>> key, Expression<Func<T, TRow>> select, Func<TRow, string> keyOfRow, CancellationToken cancellationToken)
        where T : class =>
        PageAsync<T, TRow>(session, filter, q => Keyset(q, key).Select(select).ToList(), keyOfRow, cancellationToken);

    /// <summary>As the other <c>PageAsync</c>, over a unique text key the list is ordered by, ascending.</summary>
    public Task<Connection<T>> PageAsync<T>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, string>> key, CancellationToken cancellationToken) where T : class
    {
        var keyOf = key.Compile();
        return PageAsync(session, filter, q => Keyset(q, key), keyOf, cancellationToken);
    }

    private Task<Connection<T>> PageAsync<T>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Func<IBatchedQueryable<T>, IBatchedQueryable<T>> keyset, Func<T, string> key, CancellationToken cancellationToken) where T : class =>
        PageAsync<T, T>(session, filter, q => keyset(q).ToList(), key, cancellationToken);

    private async Task<Connection<TRow>> PageAsync<T, TRow>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Func<IBatchedQueryable<T>, Task<IReadOnlyList<TRow>>> fetch, Func<TRow, string> key, CancellationToken cancellationToken) where T : class
    {
        var batch = session.CreateBatchQuery();
        var total = filter(batch.Query<T>()).Count();
        var rows = First == 0 ? Task.FromResult<IReadOnlyList<TRow>>([]) : fetch(filter(batch.Query<T>()));
        await batch.Execute(cancellationToken).ConfigureAwait(false);
        return ToConnection(await rows.ConfigureAwait(false), key, (int)await total.ConfigureAwait(false));
    }

    /// <summary>
    /// Builds the connection from up to Size+1 rows fetched in the fetching direction (the extra row tells
    /// whether there are more that way); backward pages are put back in the list's order.
    /// </summary>
    public Connection<T> ToConnection<T>(IReadOnlyList<T> rowsPlusOne, Func<T, string> key, int totalCount)
    {
        var more = rowsPlusOne.Count > First;
        var rows = rowsPlusOne.Take(First).ToList();
        if (Backward) rows.Reverse();
        var edges = rows.Select(r => new Edge<T>(r, key)).ToList();
        var pageInfo = Backward
            ? new PageInfo(AfterKey is not null, more, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor)
            : new PageInfo(more, AfterKey is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, pageInfo, totalCount);
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
    /// <summary>Adds the standard 'first'/'after' and 'last'/'before' arguments to a connection field.</summary>
    public static FieldBuilder<TSource, TReturn> PageArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Argument<IntGraphType>("first", $"How many items to return from the start or after the cursor (0 to {PageRequest.MaxPageSize}; default {PageRequest.DefaultPageSize}).")
            .Argument<StringGraphType>("after", "Return the items after this cursor (pageInfo.endCursor of the previous page).")
            .Argument<IntGraphType>("last", $"How many items to return from the end or before the cursor (0 to {PageRequest.MaxPageSize}); with 'before', pages backward.")
            .Argument<StringGraphType>("before", "Return the items before this cursor (pageInfo.startCursor of the next page).");
}
