using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Decisions.Motions;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>The people and meetings the decider tests share: a branch, its organiser, members of it and of another branch.</summary>
internal static class Scenes
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid Branch = Guid.NewGuid();
    public static readonly Guid OtherBranch = Guid.NewGuid();

    public static Caller Member(Guid? memberId = null) => new(Guid.NewGuid(), memberId ?? Guid.NewGuid(), [Roles.Member]);

    public static Caller Organiser(Guid? branch = null, Guid? memberId = null) =>
        new(Guid.NewGuid(), memberId ?? Guid.NewGuid(), [Roles.Member, Roles.Organiser])
        {
            Grants = [new Grant(Guid.NewGuid(), Roles.Organiser, branch is null ? GrantScopeKind.Organisation : GrantScopeKind.Branch, branch, null)],
        };

    public static Caller Admin() => new(Guid.NewGuid(), null, [Roles.Admin]);

    public static ElectorStanding InGoodStanding(Caller caller, Guid? branch = null) => new(caller.MemberId!.Value, branch ?? Branch, true, 0);

    public static ElectorStanding Lapsed(Caller caller) => new(caller.MemberId!.Value, Branch, false, 0);

    public static Meeting Meeting(Caller convenor, Guid? branch, int seconders = 1, params object[] more) =>
        Given.Events<MeetingProjection, Meeting>([new MeetingConvened(Guid.NewGuid(), "Branch meeting", branch is null ? DecisionBody.Conference : DecisionBody.BranchMeeting,
            branch, Now.AddDays(1), seconders, convenor.AccountId, convenor.MemberId, null, Now), .. more]);

    public static Motion Motion(Meeting meeting, Caller mover, params object[] more)
    {
        var id = Guid.NewGuid();
        return Given.Events<MotionProjection, Motion>([new MotionSubmitted(id, meeting.Id, "Build the union", "We resolve to organise.", mover.MemberId!.Value,
            meeting.SecondersRequired, Now), .. more.Select(e => e is Func<Guid, object> f ? f(id) : e)]);
    }

    public static BallotSettings Settings(decimal quorum = 0, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, int? arrears = null) =>
        new(VoteSecrecy.Secret, false, quorum, opensAt, closesAt, arrears);

    public static IReadOnlyList<string> Fields(Decision decision) => decision.Errors.Select(e => string.Join('.', e.Field ?? [])).ToList();
}
