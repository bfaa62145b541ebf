namespace WorkersPower.Membership;

/// <summary>The shell every handler of a command on one aggregate's stream shares.</summary>
internal static class Streams
{
    /// <summary>
    /// Fetches the stream of <paramref name="id"/> for writing (its version guards the append when the session commits),
    /// decides on the aggregate as it stands (null: no stream) and appends the events decided (none when refused).
    /// </summary>
    public static async Task<(IEventStream<T> Stream, Decision Decision)> DecideAsync<T>(
        this IDocumentSession session, Guid id, Func<T?, Decision> decide, CancellationToken ct) where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        var decision = decide(stream.Aggregate);
        stream.AppendMany(decision.Events);
        return (stream, decision);
    }
}
