using JasperFx.Events;

namespace WorkersPower.Platform;

/// <summary>
/// The shell every handler of a command on one aggregate's stream shares, written once: fetch the stream for writing
/// (its version guards the append when the session commits), decide, append the events decided (none when refused).
/// </summary>
public static class Streams
{
    /// <summary>Decides on the aggregate of <paramref name="id"/> as it stands (null: no stream) and appends what was decided.</summary>
    public static Task<(IEventStream<T> Stream, Decision Decision)> DecideAsync<T>(
        this IDocumentSession session, Guid id, Func<T?, Decision> decide, CancellationToken ct) where T : class =>
        session.DecideAsync<T>(id, aggregate => Task.FromResult(decide(aggregate)), ct);

    /// <summary>As the other, for a decision that needs more read first (<paramref name="decide"/> reads it, given the aggregate).</summary>
    public static async Task<(IEventStream<T> Stream, Decision Decision)> DecideAsync<T>(
        this IDocumentSession session, Guid id, Func<T?, Task<Decision>> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        var decision = await decide(stream.Aggregate);
        stream.AppendMany(decision.Events);
        return (stream, decision);
    }

    /// <summary>Decides on the aggregate of <paramref name="id"/>, appends and answers; <paramref name="notFound"/> when there is no such aggregate.</summary>
    public static Task<CommandResult> DecideAsync<T>(
        this IDocumentSession session, Guid id, UserError notFound, Func<T, Decision> decide, CancellationToken ct) where T : class =>
        session.DecideAsync<T>(id, notFound, aggregate => Task.FromResult(decide(aggregate)), ct);

    /// <summary>As the other, for a decision that needs more read first (<paramref name="decide"/> reads it, given the aggregate).</summary>
    public static async Task<CommandResult> DecideAsync<T>(
        this IDocumentSession session, Guid id, UserError notFound, Func<T, Task<Decision>> decide, CancellationToken ct) where T : class
    {
        var (_, decision) = await session.DecideAsync<T>(id, async aggregate => aggregate is null ? Decision.Refuse(notFound) : await decide(aggregate), ct);
        return decision.ToResult(id);
    }
}
