using Microsoft.Extensions.Hosting;

namespace WorkersPower.Platform.Live;

/// <summary>
/// Holds one connection per node that LISTENs on <paramref name="channel"/> for changes from every node and hands them to
/// this node's subscribers through <paramref name="feed"/>. If the connection drops (the database restarted), it reconnects
/// with a growing pause (0.5 s to 10 s) and then tells every subscriber to reload, since changes may have been missed meanwhile.
/// </summary>
/// <param name="applicationName">The application name of the listening connection (as pg_stat_activity shows it).</param>
public abstract class NotificationListener<T>(string connectionString, string applicationName, string channel, LiveFeed<T> feed)
    : BackgroundService where T : class
{
    /// <summary>How many times the listener has connected and started listening (more than one: it reconnected).</summary>
    public int Connections => Volatile.Read(ref connections);

    private int connections;

    /// <summary>What a NOTIFY payload tells: the key that changed and its new value (null: read it again); null if it tells nothing.</summary>
    protected abstract (Guid Key, T? Value)? Read(string payload);

    /// <summary>Logs that the connection was lost and when it is tried again.</summary>
    protected abstract void Lost(string exceptionType, double seconds);

    /// <summary>Logs that the listener is back after a lost connection.</summary>
    protected abstract void Reconnected();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = applicationName,
            Pooling = false,
            KeepAlive = 10,
        };
        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Read(e.Payload) is { } notice) feed.Publish(notice.Key, notice.Value);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (Interlocked.Increment(ref connections) > 1) Reconnected();
                // Whatever changed while nobody listened (a reconnect, or a first connection that took
                // retries while subscribers were already here) is reloaded; with no subscribers, nothing is.
                feed.ReloadAll();
                pause = TimeSpan.FromMilliseconds(500);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                // Any failure, not only the expected network ones: live values must not stop for good.
                Lost(e.GetType().Name, pause.TotalSeconds);
                try { await Task.Delay(pause, stoppingToken); }
                catch (OperationCanceledException) { }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }
}
