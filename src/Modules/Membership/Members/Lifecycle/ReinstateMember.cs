namespace WorkersPower.Membership.Members;

/// <summary>reinstateMember: an organiser of the member's branch (or an admin) lifts a suspension, with a reason.</summary>
[Description("Which suspended member to reinstate, and why.")]
public sealed record ReinstateMemberInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: Description("Why (up to 1000 characters); kept in the member's history.")] string Reason);

public sealed record ReinstateMember(Guid MemberId, string Reason, Actor Actor)
{
    /// <summary>The rules: only who manages the member; a reason; only a suspended member.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.Manages(member)) return MemberRules.NotYours;
        if (MemberRules.Reason(Reason, required: true) is { } bad) return Decision.Refuse(bad);
        if (member.Status != MembershipStatus.Suspended) return Decision.Refuse(UserError.InvalidState("Only a suspended member can be reinstated."));
        return Decision.Accept(new MembershipReinstated(member.Id, Reason.Trim(), Actor.AccountId, now));
    }
}

public static class ReinstateMemberHandler
{
    /// <summary>Tells the other modules, and schedules the arrears check for when the active member would lapse.</summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(ReinstateMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (stream, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, now), ct);
        var outgoing = new OutgoingMessages();
        if (decision.Events.Count > 0)
        {
            outgoing.Add(new MemberStandingChanged(command.MemberId, MemberStanding.Active, now));
            MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, command.MemberId, stream.Aggregate!.Ledger, now);
        }
        return (decision.ToResult(command.MemberId), outgoing);
    }
}

internal sealed class ReinstateMemberField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<ReinstateMemberInput>>("reinstateMember",
                "Lift a suspension, with a reason (organisers of the member's branch, admins).", "What to change.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ReinstateMemberInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new ReinstateMember(id, input.Reason, actor));
            });
}
