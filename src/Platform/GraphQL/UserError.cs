using GraphQL.Types;

namespace WorkersPower.Platform.GraphQL;

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

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A business-rule or validation failure: the operation changed nothing.";
        Field(x => x.Code).Description("A stable code: VALIDATION, NOT_FOUND, CONFLICT, ALREADY_EXISTS, INVALID_STATE, INVALID_CREDENTIALS, INVALID_TOKEN, THROTTLED, RATE_LIMITED.");
        Field(x => x.Message).Description("A message for people.");
        Field(x => x.Field, nullable: true).Description("The path into the input of the field at fault, when one is.");
    }
}

/// <summary>Base of every mutation payload: the errors list, empty on success.</summary>
public abstract record Payload
{
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Adds the errors list every payload has.</summary>
public abstract class PayloadType<T> : ObjectGraphType<T> where T : Payload
{
    protected PayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Why the mutation changed nothing; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}
