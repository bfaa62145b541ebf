using GraphQL;
using GraphQL.Types;
using Wolverine.Persistence.Durability;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Host.Operations;

public sealed class DeadLetterType : ObjectGraphType<DeadLetter>
{
    public const string TypeName = "DeadLetter";

    public DeadLetterType()
    {
        Name = TypeName;
        Description = "A message whose handler failed for good after its retries: its work was not done. The message itself is not shown (it may hold member data).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Its id, for replayDeadLetters and discardDeadLetters.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Queue).Description("The queue it failed in; each module's handler has its own (e.g. local://workerspower.campaigns.members.membershipeventshandler/).");
        Field(x => x.MessageType).Description("The message's type, e.g. the contract message a module was handling.");
        Field(x => x.ExceptionType).Description("The type of the last failure.");
        Field(x => x.ExceptionMessage).Description("The last failure's message.");
        Field(x => x.SentAt).Description("When the message was sent.");
        Field(x => x.FailedAt, nullable: true).Description("When it was moved here.");
        Field(x => x.Replayable).Description("True while a replay is pending: it goes back to its queue within seconds.");
        Field(x => x.ReplayCount).Description("How many times it was replayed before.");
    }
}

public sealed class DeadLetterIds
{
    public List<string>? Ids { get; set; }
}

public sealed class ReplayDeadLettersInputType : InputObjectGraphType<DeadLetterIds>
{
    public ReplayDeadLettersInputType()
    {
        Name = "ReplayDeadLettersInput";
        Description = "Which dead letters to send back to their queues (after the cause is mended).";
        Field(x => x.Ids, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>)).Description("1 to 100 dead letter ids.");
    }
}

public sealed class DiscardDeadLettersInputType : InputObjectGraphType<DeadLetterIds>
{
    public DiscardDeadLettersInputType()
    {
        Name = "DiscardDeadLettersInput";
        Description = "Which dead letters to delete: their work will never be done.";
        Field(x => x.Ids, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>)).Description("1 to 100 dead letter ids.");
    }
}

public sealed record DeadLettersPayload(int Count) : Payload;

public sealed class ReplayDeadLettersPayloadType : PayloadType<DeadLettersPayload>
{
    public ReplayDeadLettersPayloadType() : base("ReplayDeadLettersPayload", "How many dead letters were sent back, or why none were.") =>
        Field(x => x.Count).Description("How many were marked for replay.");
}

public sealed class DiscardDeadLettersPayloadType : PayloadType<DeadLettersPayload>
{
    public DiscardDeadLettersPayloadType() : base("DiscardDeadLettersPayload", "How many dead letters were deleted, or why none were.") =>
        Field(x => x.Count).Description("How many were deleted.");
}

/// <summary>Operations: the dead letters of every module, for admins to see, replay or discard.</summary>
internal sealed class DeadLettersSchema(DeadLetterStores stores) : ISchemaContributor
{
    public const int MaxIds = 100;

    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<DeadLetterType>>>("deadLetters")
            .Description($"Messages whose handlers failed for good, newest first, whichever module's handler failed (admins). Lists at most {DeadLetterStores.ReadPerStore} per message store; totalCount counts them all.")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx).ForwardOnly();
                var (letters, total) = await stores.ListAsync(ctx.CancellationToken);
                var rows = letters.Where(l => page.AfterKey is null || string.CompareOrdinal(l.Key, page.AfterKey) < 0).Take(page.First + 1).ToList();
                return page.ToConnection(rows, l => l.Key, total);
            });

    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ReplayDeadLettersPayloadType>>("replayDeadLetters")
            .Description("Send dead letters back to their queues, once what made them fail is mended (admins). Unknown ids refuse the whole request with NOT_FOUND.")
            .Argument<NonNullGraphType<ReplayDeadLettersInputType>>("input", "Which.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => await ApplyAsync(ctx, DeadLetterStores.ReplayAsync));

        mutation.Field<NonNullGraphType<DiscardDeadLettersPayloadType>>("discardDeadLetters")
            .Description("Delete dead letters whose work should never be done (admins). Unknown ids refuse the whole request with NOT_FOUND.")
            .Argument<NonNullGraphType<DiscardDeadLettersInputType>>("input", "Which.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => await ApplyAsync(ctx, DeadLetterStores.DiscardAsync));
    }

    private async Task<DeadLettersPayload> ApplyAsync(IResolveFieldContext ctx, Func<IReadOnlyList<(IMessageStore Store, Guid[] Ids)>, CancellationToken, Task> action)
    {
        var given = ctx.GetArgument<DeadLetterIds>("input").Ids ?? [];
        if (given.Count is 0 or > MaxIds)
            return new DeadLettersPayload(0) { Errors = [UserError.Validation("input.ids", $"Give 1 to {MaxIds} dead letter ids.")] };
        var ids = given.Select(id => GlobalId.TryDecode(id, DeadLetterType.TypeName)).ToList();
        if (ids.Any(id => id is null))
            return new DeadLettersPayload(0) { Errors = [UserError.NotFound("No dead letter has this id.", "input", "ids")] };
        var wanted = ids.Select(id => id!.Value).Distinct().ToList();
        var found = await stores.FindAsync(wanted, ctx.CancellationToken);
        var known = found.SelectMany(f => f.Ids).ToHashSet();
        if (wanted.FirstOrDefault(id => !known.Contains(id)) is var unknown && unknown != Guid.Empty)
            return new DeadLettersPayload(0) { Errors = [UserError.NotFound($"No dead letter has the id {GlobalId.Encode(DeadLetterType.TypeName, unknown)}.", "input", "ids")] };
        await action(found, ctx.CancellationToken);
        return new DeadLettersPayload(known.Count);
    }
}
