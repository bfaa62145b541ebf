namespace WorkersPower.Membership.Members;

/// <summary>resignMembership: the signed-in member resigns.</summary>
[Description("The signed-in member resigns.")]
public sealed record ResignMembershipInput([property: Description("Why, if the member wants to say (up to 1000 characters).")] string? Reason);

public sealed record ResignMembership(Guid MemberId, string? Reason, Actor Actor)
{
    /// <summary>The rules: only the member themself, a reason of at most 1000 characters if any, not twice.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!Actor.IsSelf(member)) return MemberRules.NotYours;
        if (MemberRules.Reason(Reason, required: false) is { } bad) return Decision.Refuse(bad);
        if (member.Status == MembershipStatus.Resigned) return Decision.Refuse(UserError.InvalidState("You have resigned already."));
        return Decision.Accept(new MembershipResigned(member.Id, TextRules.Clean(Reason), Actor.AccountId, now));
    }
}

public static class ResignMembershipHandler
{
    public static async Task<(CommandResult, MemberStandingChanged?)> Handle(ResignMembership command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return (decision.ToResult(command.MemberId), decision.Events is [MembershipResigned e] ? new MemberStandingChanged(e.MemberId, MemberStanding.Resigned, e.At) : null);
    }
}

internal sealed class ResignMembershipField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MemberPayloadType, AutoRegisteringInputObjectGraphType<ResignMembershipInput>>("resignMembership",
                "The signed-in member resigns. Their record and history stay; they can rejoin with a new application.", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var actor = await ctx.RequireActorAsync();
                return actor.MemberId is { } self
                    ? await MemberPayload.RunAsync(ctx, new ResignMembership(self, ctx.Input<ResignMembershipInput>().Reason, actor))
                    : MemberPayload.NoSuchMember;
            });
}
