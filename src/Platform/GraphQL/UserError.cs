namespace WorkersPower.Platform.GraphQL;

public sealed class UserErrorType : ObjectType<UserError>
{
    public UserErrorType() : base("UserError", "A business-rule or validation failure: the operation changed nothing.")
    {
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
public abstract class PayloadType<T> : ObjectType<T> where T : Payload
{
    protected PayloadType(string name, string description) : base(name, description) =>
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Why the mutation changed nothing; empty on success.")
            .Resolve(ctx => ctx.Source.Errors);
}
