namespace WorkersPower.Membership.Members;

/// <summary>recordContributionPayment: a treasurer (or an admin) records a payment received from a member.</summary>
[Description("A payment received from a member (treasurers).")]
public sealed record RecordContributionPaymentInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: InputType(typeof(NonNullGraphType<MoneyInputType>)), Description("How much, in the member's pledge currency.")] Money Amount,
    [property: InputType(typeof(NonNullGraphType<DateScalar>)), Description("The day it was paid (not in the future).")] DateOnly PaidOn,
    [property: Description("The bank or receipt reference (up to 200 characters).")] string? Reference);

public sealed record RecordContributionPayment(Guid MemberId, Money Amount, DateOnly PaidOn, string? Reference, Actor Actor)
{
    /// <summary>The same payment (member, day, amount, reference) as one recorded before.</summary>
    public string DuplicateKey => ContributionPayment.KeyOf(MemberId, PaidOn, Amount.Amount, Reference);

    /// <summary>
    /// The rules: treasurers of the member's branch (or of every branch) and admins only; a payment that meets <see cref="ContributionPayment.Check"/> and was not
    /// recorded before (<paramref name="recordedBefore"/>). A lapsed member it brings to no arrears is active again.
    /// </summary>
    public Decision Decide(MemberProfile? member, bool recordedBefore, DateTimeOffset now)
    {
        if (!Actor.TreasuresSomeBranch) return MemberRules.NotYours;
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.TreasuresBranch(member.BranchId)) return MemberRules.NotYours;
        if (ContributionPayment.Check(member, Amount, PaidOn, Reference, now) is { } refusal) return Decision.Refuse(refusal);
        if (recordedBefore) return Decision.Refuse(UserError.AlreadyExists("This payment (member, day, amount and reference) is recorded already.", "input"));
        return Decision.Accept([.. ContributionPayment.Pay(member, [(Amount, PaidOn, Reference)], ContributionPayment.ManualSource, Actor.AccountId, now)]);
    }
}

public static class RecordContributionPaymentHandler
{
    public static async Task<(CommandResult, OutgoingMessages)> Handle(RecordContributionPayment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        var key = command.DuplicateKey;
        var recordedBefore = await session.Query<ContributionPayment>().AnyAsync(p => p.DuplicateKey == key, ct);
        var now = clock.GetUtcNow();
        var decision = command.Decide(stream.Aggregate, recordedBefore, now);
        var outgoing = new OutgoingMessages();
        if (decision.Events.Count > 0) Store(session, stream, decision.Events, outgoing, now);
        return (decision.ToResult(command.MemberId), outgoing);
    }

    /// <summary>
    /// Records payments decided for a member (<see cref="ContributionPayment.Pay"/>): the events, a document per
    /// payment, the next arrears check, and the news of a member active again.
    /// </summary>
    internal static void Store(IDocumentSession session, IEventStream<MemberProfile> stream, IReadOnlyList<object> events, OutgoingMessages outgoing, DateTimeOffset now)
    {
        var member = stream.Aggregate!;
        stream.AppendMany(events);
        foreach (var payment in events.OfType<ContributionPaymentRecorded>()) session.Insert(ContributionPayment.Of(payment, member.BranchId));
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, member.Id, member.Ledger.With(events), now);
        if (events.OfType<MembershipRestored>().Any()) outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Active, now));
    }
}

internal sealed class RecordContributionPaymentField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<RecordContributionPaymentInput>>("recordContributionPayment",
                "Record a payment received from a member (treasurers of the member's branch or of every branch, admins). A lapsed member who is paid up becomes active again.", "The payment.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RecordContributionPaymentInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new RecordContributionPayment(id, input.Amount, input.PaidOn, input.Reference, actor));
            });
}
