namespace WorkersPower.Testing;

/// <summary>
/// Counts the SQL round trips (Npgsql command and batch executions) that HTTP requests make against one
/// database while it is alive, from Npgsql's and ASP.NET Core's own tracing. Background work (Wolverine's
/// agents polling the same database) is not counted: only commands under a request's activity are.
/// With <c>statementContains</c>, it counts instead every command on the database whose text contains it,
/// inside a request or not (e.g. the loads a notice starts for live subscribers).
/// </summary>
public sealed class SqlCounter : IDisposable
{
    private readonly IDisposable listening;
    private int count;

    public SqlCounter(string connectionString, string? statementContains = null) =>
        listening = NpgsqlActivities.Listen(connectionString, (statement, inRequest) =>
        {
            if (statementContains is null ? inRequest : statement?.Contains(statementContains, StringComparison.Ordinal) == true)
                Interlocked.Increment(ref count);
        });

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public void Dispose() => listening.Dispose();
}
