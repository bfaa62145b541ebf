using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.Meetings;

/// <summary>
/// Who may see a meeting (and its motions and ballots): whoever may run it (<see cref="Meeting.MayBeRunBy"/>), and the
/// members of its scope: every member for the whole organisation's, the branch's members for a branch's (their branch
/// now, as Membership says). Others get nothing (null, as if it did not exist). The
/// resolvers ask it through <see cref="GraphQL.DecisionsReads.MaySeeAsync"/>.
/// </summary>
public static class MeetingAccess
{
    /// <summary>Pure: the rule, given the caller's standing now (null: not a member, or signed out).</summary>
    public static bool MaySee(Caller? caller, ElectorStanding? standing, Meeting meeting) =>
        caller is not null
        && (meeting.MayBeRunBy(caller)
            || (standing is not null && (meeting.BranchId is not { } branch || standing.BranchId == branch)));
}
