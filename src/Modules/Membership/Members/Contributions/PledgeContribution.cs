namespace WorkersPower.Membership.Members;

/// <summary>pledgeContribution: the signed-in member pledges a new regular contribution.</summary>
[Description("The signed-in member's new regular contribution; it counts from this month.")]
public sealed record PledgeContributionInput(
    [property: InputType(typeof(NonNullGraphType<MoneyInputType>)), Description("The amount per payment (more than zero, a known currency).")] Money Contribution,
    [property: InputType(typeof(NonNullGraphType<ContributionFrequencyEnum>)), Description("How often it is paid.")] ContributionFrequency ContributionFrequency);

public sealed record PledgeContribution(Guid MemberId, Money Contribution, ContributionFrequency Frequency, Actor Actor)
{
    /// <summary>The rules: a valid amount; only the member themself; not after resigning.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        var rules = new TextRules();
        ApplyForMembershipHandler.ValidateContribution(rules, "contribution", Contribution);
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;
        if (member.Status == MembershipStatus.Resigned) return Decision.Refuse(UserError.InvalidState("You have resigned: apply again to rejoin."));
        return Decision.Accept(new ContributionPledged(member.Id, Contribution, Frequency, Actor.AccountId, now));
    }
}

public static class PledgeContributionHandler
{
    /// <summary>Schedules the arrears check for the day the member would lapse under the new pledge.</summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(PledgeContribution command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (stream, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, now), ct);
        var outgoing = new OutgoingMessages();
        if (decision.Events.Count > 0) MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, command.MemberId, stream.Aggregate!.Ledger.With(decision.Events), now);
        return (decision.ToResult(command.MemberId), outgoing);
    }
}

internal sealed class PledgeContributionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<PledgeContributionInput>>("pledgeContribution",
                "Pledge a new regular contribution; it counts from this month. (the signed-in member)", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<PledgeContributionInput>();
                var (actor, self) = await ctx.RequireMemberAsync();
                return await MemberPayload.RunAsync(ctx, new PledgeContribution(self, input.Contribution, input.ContributionFrequency, actor));
            });
}
