namespace WorkersPower.Host.Operations;

/// <summary>replayDeadLetters: Send dead letters back to their queues, once what made them fail is mended (admins). Unknown ids refuse the whole request with NOT_FOUND.</summary>
[Description("Which dead letters to send back to their queues (after the cause is mended).")]
public sealed record ReplayDeadLettersInput([property: Id, Description("1 to 100 dead letter ids.")] IReadOnlyList<string> Ids);

public sealed class ReplayDeadLettersPayloadType : PayloadType<DeadLettersPayload>
{
    public ReplayDeadLettersPayloadType() : base("ReplayDeadLettersPayload", "How many dead letters were sent back, or why none were.") =>
        Field(x => x.Count).Description("How many were marked for replay.");
}

internal sealed class ReplayDeadLettersField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ReplayDeadLettersPayloadType, AutoRegisteringInputObjectGraphType<ReplayDeadLettersInput>>("replayDeadLetters",
                "Send dead letters back to their queues, once what made them fail is mended (admins). Unknown ids refuse the whole request with NOT_FOUND.", "Which.")
            .AuthorizeWithRoles(Roles.Admin)
            // marked for replay: Wolverine's durability agent moves them back to the inbox
            .ResolveAsync(async ctx => await DeadLetterCommands.ApplyAsync(ctx, ctx.Input<ReplayDeadLettersInput>().Ids, (letters, query, ct) => letters.ReplayAsync(query, ct)));
}
