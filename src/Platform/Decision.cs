namespace WorkersPower.Platform;

/// <summary>
/// What a command's rules decided, without I/O: the events to record (none when the command changes nothing,
/// e.g. signing up twice), or why not (user errors), or that the caller may not do this at all (forbidden).
/// A use case's <c>Decide</c> returns it; its handler appends <see cref="Events"/> and answers <see cref="ToResult"/>.
/// </summary>
public sealed record Decision
{
    public IReadOnlyList<object> Events { get; private init; } = [];

    public IReadOnlyList<UserError> Errors { get; private init; } = [];

    /// <summary>Set when the caller may not do this at all (answered as a FORBIDDEN GraphQL error).</summary>
    public string? Forbidden { get; private init; }

    /// <summary>No refusal: <see cref="Events"/> (possibly none) are to be recorded.</summary>
    public bool Accepted => Errors.Count == 0 && Forbidden is null;

    /// <summary>Accepted with nothing to record (the state already is what the command asks for).</summary>
    public static Decision Unchanged { get; } = new();

    public static Decision Accept(params object[] events) => new() { Events = events };

    public static Decision Refuse(params UserError[] errors) => new() { Errors = errors };

    public static Decision Refuse(IReadOnlyList<UserError> errors) => new() { Errors = errors };

    public static Decision Deny(string why) => new() { Forbidden = why };

    /// <summary>The command's answer: the id of what it acted on when accepted, else the refusal.</summary>
    public CommandResult ToResult(Guid id) =>
        Forbidden is { } why ? CommandResult.Deny(why) : Errors.Count > 0 ? new CommandResult(null, Errors) : CommandResult.Ok(id);
}
