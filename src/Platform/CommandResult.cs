namespace WorkersPower.Platform;

/// <summary>The outcome of a module's command: the id of what changed, or why not.</summary>
public sealed record CommandResult(Guid? Id, IReadOnlyList<UserError> Errors)
{
    /// <summary>Set when the caller may not do this at all: the resolver answers with a FORBIDDEN GraphQL error.</summary>
    public string? Forbidden { get; init; }

    /// <summary>Something the caller should know about a change that succeeded (e.g. that it waits for confirmation).</summary>
    public string? Message { get; init; }

    /// <summary>
    /// What changed, as the handler just wrote it (e.g. the aggregate after its new events), so the caller can answer
    /// with it instead of reading it again; null: the caller reads it itself.
    /// </summary>
    public object? Answer { get; init; }

    public static CommandResult Deny(string message) => new(null, []) { Forbidden = message };

    public static CommandResult Ok(Guid id) => new(id, []);
    public static CommandResult Refused(params UserError[] errors) => new(null, errors);
}
