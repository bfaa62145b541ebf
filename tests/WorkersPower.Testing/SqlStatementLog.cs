using System.Collections.Concurrent;

namespace WorkersPower.Testing;

/// <summary>
/// The SQL round trips (Npgsql command and batch executions) that HTTP requests make against one database, with
/// their statement text, from Npgsql's and ASP.NET Core's own tracing: what <see cref="SqlCounter"/> counts, kept
/// in order so a test can say which ones they were. Work outside a request (Wolverine's agents, the progress
/// notifier's batched NOTIFY) is kept apart in <see cref="Background"/>.
/// </summary>
public sealed class SqlStatementLog : IDisposable
{
    private readonly IDisposable listening;
    private readonly ConcurrentQueue<string> inRequest = new(), background = new();

    public SqlStatementLog(string connectionString) =>
        listening = NpgsqlActivities.Listen(connectionString, (statement, underRequest) =>
            (underRequest ? inRequest : background).Enqueue(statement ?? "(no statement text)"));

    /// <summary>The statements sent under a request, in order (a batch is one entry: one round trip).</summary>
    public IReadOnlyList<string> Statements => [.. inRequest];

    /// <summary>The statements sent outside any request meanwhile.</summary>
    public IReadOnlyList<string> Background => [.. background];

    public void Reset()
    {
        inRequest.Clear();
        background.Clear();
    }

    public void Dispose() => listening.Dispose();
}
