using System.Diagnostics;
using Npgsql;

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
    private readonly ActivityListener listener;
    private readonly string database;
    private int count;

    public SqlCounter(string connectionString, string? statementContains = null)
    {
        database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || !activity.Tags.Any(t => t.Key is "db.name" or "db.namespace" && t.Value == database)) return;
                if (statementContains is null ? InRequest(activity) : Statement(activity)?.Contains(statementContains, StringComparison.Ordinal) == true)
                    Interlocked.Increment(ref count);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    private static string? Statement(Activity activity) =>
        activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;

    private static bool InRequest(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
            if (a.Source.Name == "Microsoft.AspNetCore") return true;
        return false;
    }

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public void Dispose() => listener.Dispose();
}
