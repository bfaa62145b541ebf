using JasperFx;

namespace WorkersPower.Platform;

/// <summary>Recognises the database failures that mean "someone else got there first".</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index or primary key refused the write (PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        Chain(exception).Any(e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or DocumentAlreadyExistsException);

    /// <summary>An optimistic concurrency check failed: the stream or document changed since it was read.</summary>
    public static bool IsConcurrencyConflict(Exception exception) =>
        Chain(exception).Any(e => e is ConcurrencyException || e.GetType().Name.Contains("Concurrency", StringComparison.Ordinal));

    /// <summary>
    /// The database could not be reached or is shutting down or starting up (connection refused or broken,
    /// PostgreSQL's classes 08 and 57P): a condition that passes, unlike a fault in the request.
    /// </summary>
    public static bool IsUnavailable(Exception exception) =>
        Chain(exception).Any(e => e switch
        {
            PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
            NpgsqlException n => n.IsTransient,
            System.Net.Sockets.SocketException => true,
            _ => false,
        });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
