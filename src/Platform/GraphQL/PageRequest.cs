using System.Linq.Expressions;
using Marten.Services.BatchQuerying;

namespace WorkersPower.Platform.GraphQL;

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
        return PageAsync<T, T>(session, filter, q => Keyset(q, key, descending).ToList(), r => keyOf(r).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>
    /// As the other <c>PageAsync</c>, but each row is read through <paramref name="select"/> (a Marten Select
    /// projection: only the fields it names leave PostgreSQL), for lists that show less than the whole document;
    /// <paramref name="keyOfRow"/> gives a row's value of <paramref name="key"/>, for its cursor.
    /// </summary>
    public Task<Connection<TRow>> PageAsync<T, TRow>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, long>> key, bool descending, Expression<Func<T, TRow>> select, Func<TRow, long> keyOfRow, CancellationToken cancellationToken)
        where T : class =>
        PageAsync<T, TRow>(session, filter, q => Keyset(q, key, descending).Select(select).ToList(),
            r => keyOfRow(r).ToString(CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>As the other <c>PageAsync</c> with a Select projection, over a unique text key the list is ordered by, ascending.</summary>
    public Task<Connection<TRow>> PageAsync<T, TRow>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, string>> key, Expression<Func<T, TRow>> select, Func<TRow, string> keyOfRow, CancellationToken cancellationToken)
        where T : class =>
        PageAsync<T, TRow>(session, filter, q => Keyset(q, key).Select(select).ToList(), keyOfRow, cancellationToken);

    /// <summary>As the other <c>PageAsync</c>, over a unique text key the list is ordered by, ascending.</summary>
    public Task<Connection<T>> PageAsync<T>(IQuerySession session, Func<IBatchedQueryable<T>, IBatchedQueryable<T>> filter,
        Expression<Func<T, string>> key, CancellationToken cancellationToken) where T : class =>
        PageAsync<T, T>(session, filter, q => Keyset(q, key).ToList(), key.Compile(), cancellationToken);

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
