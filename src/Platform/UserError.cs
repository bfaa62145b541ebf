namespace WorkersPower.Platform;

/// <summary>A business-rule or validation failure, returned inside a mutation payload.</summary>
public sealed record UserError(string Code, string Message, IReadOnlyList<string>? Field = null)
{
    /// <summary>A validation failure; a dotted field ("input.contribution.amount") becomes the path ["input", "contribution", "amount"].</summary>
    public static UserError Validation(string field, string message) => new(ErrorCodes.Validation, message, field.Split('.'));
    public static UserError NotFound(string message, params string[] field) => new(ErrorCodes.NotFound, message, field.Length == 0 ? null : field);
    public static UserError Conflict(string message) => new(ErrorCodes.Conflict, message);
    public static UserError AlreadyExists(string message, params string[] field) => new(ErrorCodes.AlreadyExists, message, field.Length == 0 ? null : field);
    public static UserError InvalidState(string message) => new(ErrorCodes.InvalidState, message);
}

/// <summary>The codes clients can rely on, in user errors and in GraphQL errors' extensions.code.</summary>
public static class ErrorCodes
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string InvalidState = "INVALID_STATE";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidToken = "INVALID_TOKEN";
    public const string Throttled = "THROTTLED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string Internal = "INTERNAL_SERVER_ERROR";
    public const string Unavailable = "UNAVAILABLE";
    public const string BadRequest = "BAD_REQUEST";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string Complexity = "COMPLEXITY";
}
