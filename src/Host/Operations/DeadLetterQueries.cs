using Wolverine.Persistence.Durability.DeadLetterManagement;

namespace WorkersPower.Host.Operations;

public sealed class DeadLetterType : ObjectType<DeadLetter>
{
    public const string TypeName = "DeadLetter";

    public DeadLetterType() : base(TypeName, "A message whose handler failed for good after its retries: its work was not done. The message itself is not shown (it may hold member data).")
    {
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

public sealed record DeadLettersPayload(int Count) : Payload;

/// <summary>Operations: the dead letters of every module, for admins to see, replay or discard.</summary>
internal sealed class DeadLetterQueries(DeadLetterStores stores) : ISchemaContributor
{
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
}

internal static class DeadLetterCommands
{
    public const int MaxIds = 100;

    /// <summary>
    /// Checks the ids (1 to 100, each a known dead letter) and applies <paramref name="action"/> to them all, or to none:
    /// once per store holding some of them, with the query that selects those.
    /// </summary>
    public static async Task<DeadLettersPayload> ApplyAsync(IResolveFieldContext ctx, IReadOnlyList<string> given, Func<IDeadLetters, DeadLetterEnvelopeQuery, CancellationToken, Task> action)
    {
        if (given.Count is 0 or > MaxIds)
            return new DeadLettersPayload(0) { Errors = [UserError.Validation("input.ids", $"Give 1 to {MaxIds} dead letter ids.")] };
        var ids = given.Select(id => GlobalId.TryDecode(id, DeadLetterType.TypeName)).ToList();
        if (ids.Any(id => id is null))
            return new DeadLettersPayload(0) { Errors = [UserError.NotFound("No dead letter has this id.", "input", "ids")] };
        var wanted = ids.Select(id => id!.Value).Distinct().ToList();
        var found = await ctx.RequestServices!.GetRequiredService<DeadLetterStores>().FindAsync(wanted, ctx.CancellationToken);
        var known = found.SelectMany(f => f.Ids).ToHashSet();
        if (wanted.FirstOrDefault(id => !known.Contains(id)) is var unknown && unknown != Guid.Empty)
            return new DeadLettersPayload(0) { Errors = [UserError.NotFound($"No dead letter has the id {GlobalId.Encode(DeadLetterType.TypeName, unknown)}.", "input", "ids")] };
        foreach (var (store, letters) in found) await action(store.DeadLetters, new DeadLetterEnvelopeQuery(letters), ctx.CancellationToken);
        return new DeadLettersPayload(known.Count);
    }
}
