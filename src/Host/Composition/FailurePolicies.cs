using Npgsql;
using Wolverine.ErrorHandling;
using WorkersPower.Platform.Mail;

namespace WorkersPower.Host.Composition;

/// <summary>
/// What happens when a message handler throws. A duplicate delivery is dropped. Retries are scheduled (durable, off the thread), never
/// inline: a mutation's own InvokeAsync keeps answering at once, as before. A failure that passes by itself
/// (the database or the mail server away, a timeout, a 4xx answer from the mail server, two writers on one stream) is retried five times over about 8 minutes; any
/// other failure once more after 2 seconds; a mail server's 5xx answer not at all. Then the message goes to the dead-letter store of its module,
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
        // A mail server's 5xx answer: retrying cannot help (an unknown recipient, a refused message).
        options.Policies.OnException(e => e is MailDeliveryException { Permanent: true }, "mail refused for good (5xx)").MoveToErrorQueue();
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
        DatabaseErrors.IsUnavailable(exception) || DatabaseErrors.IsConcurrencyConflict(exception) || exception is TimeoutException
        || exception is MailDeliveryException { Permanent: false };
}
