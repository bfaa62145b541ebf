namespace WorkersPower.Host.Operations;

/// <summary>discardDeadLetters: Delete dead letters whose work should never be done (admins). Unknown ids refuse the whole request with NOT_FOUND.</summary>
[Description("Which dead letters to delete: their work will never be done.")]
public sealed record DiscardDeadLettersInput([property: Id, Description("1 to 100 dead letter ids.")] IReadOnlyList<string> Ids);

public sealed class DiscardDeadLettersPayloadType : PayloadType<DeadLettersPayload>
{
    public DiscardDeadLettersPayloadType() : base("DiscardDeadLettersPayload", "How many dead letters were deleted, or why none were.") =>
        Field(x => x.Count).Description("How many were deleted.");
}

internal sealed class DiscardDeadLettersField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<DiscardDeadLettersPayloadType, AutoRegisteringInputObjectGraphType<DiscardDeadLettersInput>>("discardDeadLetters",
                "Delete dead letters whose work should never be done (admins). Unknown ids refuse the whole request with NOT_FOUND.", "Which.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => await DeadLetterCommands.ApplyAsync(ctx, ctx.Input<DiscardDeadLettersInput>().Ids, (letters, query, ct) => letters.DiscardAsync(query, ct)));
}
