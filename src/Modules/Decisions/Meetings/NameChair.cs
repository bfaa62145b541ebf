namespace WorkersPower.Decisions.Meetings;

/// <summary>nameChair: the convenor (or an organiser of the scope, or an admin) names the member who chairs the meeting.</summary>
[Description("Who chairs a meeting.")]
public sealed record NameChairInput(
    [property: Id, Description("The meeting's global id.")] string MeetingId,
    [property: Id, Description("The member who chairs it: a member in good standing of the meeting's scope.")] string MemberId);

public sealed record NameChair(Guid MeetingId, Guid ChairMemberId, Caller Actor)
{
    /// <summary>The convenor, an organiser of the scope or an admin (not a chair they named: the chair does not hand the chair on).</summary>
    public static bool MayName(Caller caller, Meeting meeting) =>
        caller.AccountId == meeting.ConvenedBy
        || (caller.MemberId is { } me && me == meeting.ConvenorMemberId)
        || (meeting.BranchId is { } branch ? caller.OrganisesBranch(branch) : caller.OrganisesEveryBranch);

    /// <summary>The rules: a meeting that exists and is open; who may name (<see cref="MayName"/>); the chair a member of the scope now.</summary>
    public Decision Decide(Meeting? meeting, ElectorStanding? chairStanding, DateTimeOffset now)
    {
        if (meeting is null) return Decision.Refuse(MeetingRules.NoSuchMeeting());
        if (!MayName(Actor, meeting)) return Decision.Deny("Only the meeting's convenor, an organiser of its scope or an admin may name its chair.");
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        if (!MeetingRules.InScope(chairStanding, meeting.BranchId))
            return Decision.Refuse(UserError.Validation("input.memberId", "The chair must be a member in good standing of the meeting's scope."));
        if (meeting.ChairMemberId == ChairMemberId) return Decision.Unchanged;
        return Decision.Accept(new ChairNamed(meeting.Id, ChairMemberId, Actor.AccountId, now));
    }
}

public static class NameChairHandler
{
    public static async Task<CommandResult> Handle(NameChair command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (_, decision) = await session.DecideAsync<Meeting>(command.MeetingId,
            async meeting => command.Decide(meeting, await electorate.StandingAsync(command.ChairMemberId, now, ct), now), ct);
        return decision.ToResult(command.MeetingId);
    }
}

internal sealed class NameChairField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MeetingPayloadType, AutoRegisteringInputObjectGraphType<NameChairInput>>("nameChair",
                "Name the member who chairs a meeting (its convenor, an organiser of its scope or an admin; others FORBIDDEN).")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<NameChairInput>();
                if (GlobalId.TryDecode(input.MeetingId, MeetingType.TypeName) is not { } meeting) return MeetingPayload.Refused(MeetingRules.NoSuchMeeting());
                if (GlobalId.TryDecode(input.MemberId, "Member") is not { } member)
                    return MeetingPayload.Refused(UserError.Validation("input.memberId", "The chair must be a member in good standing of the meeting's scope."));
                return await MeetingPayload.RunAsync(ctx, new NameChair(meeting, member, ctx.Caller()));
            });
}
