namespace WorkersPower.Decisions.Motions;

/// <summary>What the motion use cases share: the refusals and the seconding rule.</summary>
public static class MotionRules
{
    public static readonly UserError NoSuchMotion = UserError.NotFound("There is no such motion.", "input", "motionId");

    public static readonly UserError NoSuchAmendment = UserError.NotFound("There is no such amendment.", "input", "amendmentId");

    public const string OnlyMembers = "Only members in good standing of the meeting's scope may do this.";

    public static readonly UserError NotPending = UserError.InvalidState("The motion has been put to the vote, decided or withdrawn.");

    /// <summary>
    /// Seconding a motion or an amendment: a member of the scope (<paramref name="standing"/>, now), not its mover, in an open
    /// meeting, while it waits for the vote; seconding twice counts once.
    /// </summary>
    public static Decision Second(Meeting? meeting, ElectorStanding? standing, Caller actor, Guid mover, IReadOnlyList<Guid> seconders,
        bool pending, Func<Guid, object> seconded)
    {
        if (actor.MemberId is not { } me || meeting is null || !MeetingRules.InScope(standing, meeting.BranchId)) return Decision.Deny(OnlyMembers);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        if (!pending) return Decision.Refuse(NotPending);
        if (me == mover) return Decision.Refuse(UserError.InvalidState("The mover cannot second it."));
        if (seconders.Contains(me)) return Decision.Unchanged;
        return Decision.Accept(seconded(me));
    }
}
