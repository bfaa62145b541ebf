using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WorkersPower.Platform.Live;

namespace WorkersPower.Campaigns.Campaigns;

/// <summary>Runs after the change committed: tells every node, this one included, through PostgreSQL.</summary>
public static class CampaignProgressChangedHandler
{
    public static void Handle(CampaignProgressChanged message, ProgressNotifier notifier) => notifier.Notify(message.CampaignId);
}

/// <summary>
/// Sends "campaign progress changed" to every node with PostgreSQL's NOTIFY. Changes are queued and sent
/// in batches (one statement for all the campaigns changed since the last one), so a burst of sign-ups
/// costs a few round trips, not one each. A batch that cannot be sent (the database is away, or a pooled
/// connection died with a database restart) is kept and sent again after a growing pause, with the
/// changes that arrive meanwhile: a change is announced late rather than never.
/// </summary>
public sealed partial class ProgressNotifier(string connectionString, ILogger<ProgressNotifier> logger) : BackgroundService
{
    public const string Channel = "wp_campaign_progress";

    /// <summary>The application name of the notifying connections (as pg_stat_activity shows them).</summary>
    public const string ApplicationName = "wp-progress-notifier";

    private readonly string notifyingConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName }.ConnectionString;

    private readonly Channel<Guid> changed = System.Threading.Channels.Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(Guid campaignId) => changed.Writer.TryWrite(campaignId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new HashSet<Guid>();
        var pause = TimeSpan.FromMilliseconds(500);
        try
        {
            while (batch.Count > 0 || await changed.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 1000 && changed.Reader.TryRead(out var id)) batch.Add(id);
                try
                {
                    await NotifyAsync(batch, stoppingToken);
                    batch.Clear();
                    pause = TimeSpan.FromMilliseconds(500);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogNotifyFailed(logger, batch.Count, e.GetType().Name, pause.TotalSeconds);
                    // Idle pooled connections are likely as dead as the one that failed (a database restart).
                    await using (var pooled = new NpgsqlConnection(notifyingConnectionString)) NpgsqlConnection.ClearPool(pooled);
                    await Task.Delay(pause, stoppingToken);
                    pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task NotifyAsync(HashSet<Guid> campaignIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(notifyingConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select pg_notify('{Channel}', id::text) from unnest(@ids) as id", connection);
        command.Parameters.AddWithValue("ids", campaignIds.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify progress changes of {Count} campaigns ({ExceptionType}); retrying in {Seconds} s")]
    private static partial void LogNotifyFailed(ILogger logger, int count, string exceptionType, double seconds);
}

/// <summary>
/// Holds one connection per node that LISTENs for progress changes from every node and hands them to this node's
/// subscribers (see <see cref="NotificationListener{T}"/>: it reconnects and reloads after a lost connection).
/// A notice's payload is the campaign's id.
/// </summary>
public sealed partial class ProgressListener(string connectionString, CampaignProgressFeed feed, ILogger<ProgressListener> logger)
    : NotificationListener<object>(connectionString, ApplicationName, ProgressNotifier.Channel, feed)
{
    /// <summary>The application name of the listening connection (as pg_stat_activity shows it).</summary>
    public const string ApplicationName = "wp-progress-listener";

    protected override (Guid Key, object? Value)? Read(string payload) => Guid.TryParse(payload, out var campaignId) ? (campaignId, null) : null;

    protected override void Lost(string exceptionType, double seconds) => LogLost(logger, exceptionType, seconds);

    protected override void Reconnected() => LogReconnected(logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The progress listener lost its database connection ({ExceptionType}); retrying in {Seconds} s")]
    private static partial void LogLost(ILogger logger, string exceptionType, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The progress listener is back; subscribers reload")]
    private static partial void LogReconnected(ILogger logger);
}
