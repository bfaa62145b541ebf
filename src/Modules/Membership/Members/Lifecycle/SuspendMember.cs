namespace WorkersPower.Membership.Members;

/// <summary>suspendMember: an organiser of the member's branch (or an admin) suspends a member, with a reason.</summary>
[Description("Which member to suspend, and why.")]
public sealed record SuspendMemberInput(
    [property: Id, Description("The member's global id.")] string MemberId,
    [property: Description("Why (up to 1000 characters); kept in the member's history.")] string Reason);

public sealed record SuspendMember(Guid MemberId, string Reason, Actor Actor)
{
    /// <summary>The rules: only who manages the member; a reason; only active or lapsed members.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.Manages(member)) return MemberRules.NotYours;
        if (MemberRules.Reason(Reason, required: true) is { } bad) return Decision.Refuse(bad);
        if (member.Status is not (MembershipStatus.Active or MembershipStatus.Lapsed))
            return Decision.Refuse(UserError.InvalidState($"Only active or lapsed members can be suspended; this member is {member.Status.ToString().ToLowerInvariant()}."));
        return Decision.Accept(new MembershipSuspended(member.Id, Reason.Trim(), Actor.AccountId, now));
    }
}

public static class SuspendMemberHandler
{
    public static async Task<(CommandResult, MemberStandingChanged?)> Handle(SuspendMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return (decision.ToResult(command.MemberId), decision.Events is [MembershipSuspended e] ? new MemberStandingChanged(e.MemberId, MemberStanding.Suspended, e.At) : null);
    }
}

internal sealed class SuspendMemberField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<SuspendMemberInput>>("suspendMember",
                "Suspend a member, with a reason (organisers of the member's branch, admins).", "What to change.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<SuspendMemberInput>();
                return await MemberPayload.RunAsync(ctx, input.MemberId, (id, actor) => new SuspendMember(id, input.Reason, actor));
            });
}
