using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// The SQL round trips (Npgsql command and batch executions) that HTTP requests make against one database, with
/// their statement text, from Npgsql's and ASP.NET Core's own tracing: what <see cref="SqlCounter"/> counts, kept
/// in order so a test can say which ones they were. Work outside a request (Wolverine's agents, the progress
/// notifier's batched NOTIFY) is kept apart in <see cref="Background"/>.
/// </summary>
public sealed class SqlStatementLog : IDisposable
{
    private readonly ActivityListener listener;
    private readonly string database;
    private readonly ConcurrentQueue<string> inRequest = new(), background = new();

    public SqlStatementLog(string connectionString)
    {
        database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || !activity.Tags.Any(t => t.Key is "db.name" or "db.namespace" && t.Value == database)) return;
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
                (InRequest(activity) ? inRequest : background).Enqueue(text);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The statements sent under a request, in order (a batch is one entry: one round trip).</summary>
    public IReadOnlyList<string> Statements => [.. inRequest];

    /// <summary>The statements sent outside any request meanwhile.</summary>
    public IReadOnlyList<string> Background => [.. background];

    private static bool InRequest(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
            if (a.Source.Name == "Microsoft.AspNetCore") return true;
        return false;
    }

    public void Reset()
    {
        inRequest.Clear();
        background.Clear();
    }

    public void Dispose() => listener.Dispose();
}
