using System.Diagnostics;
using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// Counts the SQL round trips (Npgsql command and batch executions) made against one database while it is
/// alive, from Npgsql's own tracing.
/// </summary>
public sealed class SqlCounter : IDisposable
{
    private readonly ActivityListener listener;
    private readonly string database;
    private int count;

    public SqlCounter(string connectionString)
    {
        database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Tags.Any(t => t.Key is "db.name" or "db.namespace" && t.Value == database)) Interlocked.Increment(ref count);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public void Dispose() => listener.Dispose();
}
