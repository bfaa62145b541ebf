using System.Diagnostics;
using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// The SQL round trips (Npgsql command and batch executions) on one database, from Npgsql's and ASP.NET Core's own
/// tracing: each with its statement text (null when Npgsql gave none) and whether it ran under an HTTP request.
/// What <see cref="SqlCounter"/> and <see cref="SqlStatementLog"/> are built on.
/// </summary>
internal static class NpgsqlActivities
{
    public static IDisposable Listen(string connectionString, Action<string?, bool> roundTrip)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name != "Npgsql" || !activity.Tags.Any(t => t.Key is "db.name" or "db.namespace" && t.Value == database)) return;
                roundTrip(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string, InRequest(activity));
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static bool InRequest(Activity activity)
    {
        for (var a = activity.Parent; a is not null; a = a.Parent)
            if (a.Source.Name == "Microsoft.AspNetCore") return true;
        return false;
    }
}
