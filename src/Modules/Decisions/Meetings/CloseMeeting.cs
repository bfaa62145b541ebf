namespace WorkersPower.Decisions.Meetings;

/// <summary>closeMeeting: whoever may run the meeting closes it once no ballot of it is open or about to open.</summary>
[Description("A meeting.")]
public sealed record MeetingIdInput([property: Id, Description("The meeting's global id.")] string MeetingId);

public sealed record CloseMeeting(Guid MeetingId, Caller Actor)
{
    /// <summary>
    /// The rules: whoever may run it (<see cref="Meeting.MayBeRunBy"/>); closing twice changes nothing; not while one of
    /// its <paramref name="ballots"/> is open, nor while one is scheduled to open by itself (it would open in a closed meeting).
    /// </summary>
    public Decision Decide(Meeting? meeting, IReadOnlyList<Ballot> ballots, DateTimeOffset now)
    {
        if (meeting is null) return Decision.Refuse(MeetingRules.NoSuchMeeting());
        if (!meeting.MayBeRunBy(Actor)) return Decision.Deny(MeetingRules.MayNotRun);
        if (meeting.Status == MeetingStatus.Closed) return Decision.Unchanged;
        if (ballots.FirstOrDefault(b => b.Status == BallotStatus.Open) is { } open)
            return Decision.Refuse(UserError.InvalidState($"The ballot \"{open.Title}\" is still open: close it first."));
        if (ballots.FirstOrDefault(b => b is { Status: BallotStatus.Scheduled, OpensAt: not null }) is { } scheduled)
            return Decision.Refuse(UserError.InvalidState($"The ballot \"{scheduled.Title}\" is scheduled to open: open and close it first."));
        return Decision.Accept(new MeetingClosed(meeting.Id, Actor.AccountId, now));
    }
}

public static class CloseMeetingHandler
{
    public static async Task<CommandResult> Handle(CloseMeeting command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<Meeting>(command.MeetingId, async meeting =>
            command.Decide(meeting, await session.Query<Ballot>().Where(b => b.MeetingId == command.MeetingId).ToListAsync(ct), clock.GetUtcNow()), ct);
        return decision.ToResult(command.MeetingId);
    }
}

internal sealed class CloseMeetingField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<MeetingPayloadType, AutoRegisteringInputObjectGraphType<MeetingIdInput>>("closeMeeting",
                "Close a meeting (its chair, its convenor, an organiser of its scope or an admin; others FORBIDDEN): INVALID_STATE while a ballot of it is open or scheduled to open.")
            .Authorize()
            .ResolveAsync(async ctx =>
                GlobalId.TryDecode(ctx.Input<MeetingIdInput>().MeetingId, MeetingType.TypeName) is { } id
                    ? await MeetingPayload.RunAsync(ctx, new CloseMeeting(id, ctx.Caller()))
                    : MeetingPayload.Refused(MeetingRules.NoSuchMeeting()));
}
