using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>The ballots and meetings the decider tests start from, folded through the projections (no database).</summary>
internal static class BallotGiven
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid MeetingId = Guid.NewGuid(), BallotId = Guid.NewGuid(), Branch = Guid.NewGuid(), Convenor = Guid.NewGuid(), ChairMember = Guid.NewGuid();

    public static BallotCreated Created(BallotKind kind = BallotKind.Motion, VoteSecrecy secrecy = VoteSecrecy.Secret, bool allowChanges = false,
        decimal quorum = 0m, IReadOnlyList<string>? options = null, int seats = 1) =>
        new(BallotId, MeetingId, Branch, "Motion 1", kind, secrecy, options ?? MotionOptions.All, seats, allowChanges, quorum, null, null, null, null, null, Convenor, Now.AddHours(-2));

    public static Ballot Ballot(params object[] events) => Given.Events<BallotProjection, Ballot>(events);

    public static Ballot Open(BallotCreated created, int electorate = 3) => Ballot(created, new BallotOpened(BallotId, Now.AddHours(-1), electorate, Convenor, Now.AddHours(-1)));

    public static Meeting Meeting(params object[] more) =>
        Given.Events<MeetingProjection, Meeting>([new MeetingConvened(MeetingId, "Branch meeting", DecisionBody.BranchMeeting, Branch, Now.AddHours(-3), 1, Convenor, ChairMember, null, Now.AddDays(-1)), .. more]);

    public static BallotElectorate Electorate(params Guid[] members) => new() { Id = BallotId, CutOff = Now.AddHours(-1), Members = [.. members.Order()] };

    public static LockedVotes Votes(IEnumerable<Guid>? voters = null, IEnumerable<BoxedBallot>? box = null) => new([.. (voters ?? []).Order()], [.. box ?? []]);
}
