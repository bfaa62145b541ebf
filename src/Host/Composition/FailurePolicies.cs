using Npgsql;
using Wolverine.ErrorHandling;

namespace WorkersPower.Host.Composition;

/// <summary>
/// What happens when a message handler throws. A duplicate delivery is dropped. Retries are scheduled (durable, off the thread), never
/// inline: a mutation's own InvokeAsync keeps answering at once, as before. A failure that passes by itself
/// (the database away, a timeout, two writers on one stream) is retried five times over about 8 minutes; any
/// other failure once more after 2 seconds. Then the message goes to the dead-letter store of its module,
/// where an admin sees it (<c>deadLetters</c>) and can replay or discard it.
/// </summary>
internal static class FailurePolicies
{
    public static readonly TimeSpan[] TransientRetries =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    public static readonly TimeSpan[] OtherRetries = [TimeSpan.FromSeconds(2)];

    public static void ApplyFailurePolicies(this WolverineOptions options)
    {
        // First: a message already in the inbox (delivered twice) is dropped, as Wolverine's own Marten and
        // PostgreSQL rules do; theirs are added after ours, so without this the rules below would retry it.
        options.Policies.OnException(IsDuplicateIncoming, "duplicate incoming envelope").Discard();
        options.Policies.OnException(IsTransient, "transient: database unavailable, timeout or concurrency conflict")
            .ScheduleRetry(TransientRetries).Then.MoveToErrorQueue();
        options.Policies.OnAnyException().ScheduleRetry(OtherRetries).Then.MoveToErrorQueue();
    }

    /// <summary>The primary key of Wolverine's inbox refused an envelope: the message was received before.</summary>
    public static bool IsDuplicateIncoming(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
                && pg.TableName == "wolverine_incoming_envelopes" && pg.ConstraintName?.StartsWith("pkey", StringComparison.Ordinal) == true)
                return true;
        return false;
    }

    public static bool IsTransient(Exception exception) =>
        DatabaseErrors.IsUnavailable(exception) || DatabaseErrors.IsConcurrencyConflict(exception) || exception is TimeoutException;
}
