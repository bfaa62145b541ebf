using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Ballots.BallotGiven;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>Opening and closing, by the chair or on schedule; the electorate frozen at the opening.</summary>
public sealed class OpenCloseBallotTests
{
    private static Caller Member(Guid memberId) => new(Guid.NewGuid(), memberId, ["MEMBER"]);

    [Fact]
    public void The_chair_opens_a_scheduled_ballot_freezing_its_electorate_at_that_instant()
    {
        var decision = new OpenBallotNow(BallotId, Member(ChairMember)).Decide(Ballot(Created()), Meeting(), [Guid.NewGuid(), Guid.NewGuid()], Now);
        var opened = decision.Events.Single().ShouldBeOfType<BallotOpened>();
        (opened.CutOff, opened.ElectorateSize).ShouldBe((Now, 2));
        Given.Events(Created(), opened).ShouldSatisfyAllConditions(b => b.Status.ShouldBe(BallotStatus.Open), b => b.ElectorateSize.ShouldBe(2));
    }

    [Fact]
    public void Only_whoever_runs_the_meeting_opens_and_closes_the_schedule_needs_nobody()
    {
        new OpenBallotNow(BallotId, Member(Guid.NewGuid())).Decide(Ballot(Created()), Meeting(), [], Now).Forbidden.ShouldNotBeNull();
        new OpenBallotNow(BallotId, null).Decide(Ballot(Created()), Meeting(), [], Now).Events.Single().ShouldBeOfType<BallotOpened>().By.ShouldBeNull();
        var counted = BallotCount.Count(Open(Created()), 3, 0, []);
        new CloseBallotNow(BallotId, Member(Guid.NewGuid())).Decide(Open(Created()), Meeting(), counted, Now).Forbidden.ShouldNotBeNull();
        new CloseBallotNow(BallotId, null).Decide(Open(Created()), Meeting(), counted, Now).Events.Single().ShouldBeOfType<BallotClosed>();
    }

    [Fact]
    public void Opening_twice_changes_nothing_and_a_closed_ballot_stays_closed()
    {
        new OpenBallotNow(BallotId, null).Decide(Open(Created()), Meeting(), [], Now).ShouldBe(Decision.Unchanged);
        var closed = Ballot(Created(), new BallotOpened(BallotId, Now, 2, null, Now), new BallotClosed(BallotId, 0, false, null, Now));
        new OpenBallotNow(BallotId, null).Decide(closed, Meeting(), [], Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        new CloseBallotNow(BallotId, null).Decide(closed, Meeting(), BallotCount.Count(closed, 2, 0, []), Now).ShouldBe(Decision.Unchanged);
        new CloseBallotNow(BallotId, null).Decide(Ballot(Created()), Meeting(), BallotCount.Count(Ballot(Created()), 0, 0, []), Now)
            .Errors.Single().ShouldBe(UserError.InvalidState("The ballot has not opened."));
        new OpenBallotNow(BallotId, null).Decide(Ballot(Created()), Meeting(new MeetingClosed(MeetingId, Guid.NewGuid(), Now)), [], Now)
            .Errors.Single().ShouldBe(UserError.InvalidState("The meeting is closed."));
    }
}

file static class Given
{
    public static Ballot Events(params object[] events) => Testing.Given.Events<BallotProjection, Ballot>(events);
}
