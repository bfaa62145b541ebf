using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Platform;
using WorkersPower.Testing;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>nameChair's and closeMeeting's rules: no database.</summary>
public sealed class NameChairTests
{
    [Fact]
    public void The_convenor_names_a_member_of_the_scope_as_chair()
    {
        var convenor = Organiser(Branch);
        var meeting = Meeting(convenor, Branch);
        var chair = Member();
        var decision = new NameChair(meeting.Id, chair.MemberId!.Value, convenor).Decide(meeting, InGoodStanding(chair), Now);
        decision.Events.ShouldBe([new ChairNamed(meeting.Id, chair.MemberId.Value, convenor.AccountId, Now)]);
        Given.Events<MeetingProjection, Meeting>([new MeetingConvened(meeting.Id, "M", DecisionBody.BranchMeeting, Branch, Now, 1, convenor.AccountId, convenor.MemberId, null, Now),
            .. decision.Events]).ChairMemberId.ShouldBe(chair.MemberId);
    }

    [Fact]
    public void Only_the_convenor_an_organiser_of_the_scope_or_an_admin_names_the_chair()
    {
        var convenor = Organiser(Branch);
        var chair = Member();
        var meeting = Meeting(convenor, Branch, 1, new ChairNamed(Guid.Empty, chair.MemberId!.Value, convenor.AccountId, Now));
        var next = Member();
        Decision By(Caller c) => new NameChair(meeting.Id, next.MemberId!.Value, c).Decide(meeting, InGoodStanding(next), Now);
        By(chair).Forbidden.ShouldNotBeNull(); // the chair does not hand the chair on
        By(Member()).Forbidden.ShouldNotBeNull();
        By(Organiser(OtherBranch)).Forbidden.ShouldNotBeNull();
        By(Organiser(Branch)).Accepted.ShouldBeTrue();
        By(Admin()).Accepted.ShouldBeTrue();
        By(convenor).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void The_chair_must_be_of_the_scope_the_meeting_open_and_the_same_chair_changes_nothing()
    {
        var convenor = Organiser(Branch);
        var meeting = Meeting(convenor, Branch);
        var outsider = Member();
        Fields(new NameChair(meeting.Id, outsider.MemberId!.Value, convenor).Decide(meeting, InGoodStanding(outsider, OtherBranch), Now)).ShouldBe(["input.memberId"]);
        Fields(new NameChair(meeting.Id, outsider.MemberId!.Value, convenor).Decide(meeting, null, Now)).ShouldBe(["input.memberId"]);
        new NameChair(meeting.Id, convenor.MemberId!.Value, convenor).Decide(meeting, InGoodStanding(convenor), Now).ShouldBe(Decision.Unchanged);
        var closed = Meeting(convenor, Branch, 1, new MeetingClosed(Guid.Empty, convenor.AccountId, Now));
        new NameChair(closed.Id, outsider.MemberId!.Value, convenor).Decide(closed, InGoodStanding(outsider), Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        new NameChair(Guid.NewGuid(), outsider.MemberId!.Value, convenor).Decide(null, null, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
    }

    private static Ballot Ballot(BallotStatus status, DateTimeOffset? opensAt = null) =>
        new() { Id = Guid.NewGuid(), Title = "Chair's ballot", Status = status, OpensAt = opensAt };

    [Fact]
    public void Whoever_runs_the_meeting_closes_it_when_no_ballot_is_open_or_about_to_open()
    {
        var convenor = Organiser(Branch);
        var meeting = Meeting(convenor, Branch);
        new CloseMeeting(meeting.Id, convenor).Decide(meeting, [Ballot(BallotStatus.Closed), Ballot(BallotStatus.Scheduled)], Now).Events
            .ShouldBe([new MeetingClosed(meeting.Id, convenor.AccountId, Now)]);
        new CloseMeeting(meeting.Id, Member()).Decide(meeting, [], Now).Forbidden.ShouldNotBeNull();
        new CloseMeeting(meeting.Id, Admin()).Decide(meeting, [], Now).Accepted.ShouldBeTrue();
        var open = new CloseMeeting(meeting.Id, convenor).Decide(meeting, [Ballot(BallotStatus.Open)], Now).Errors.Single();
        (open.Code, open.Message).ShouldBe((ErrorCodes.InvalidState, "The ballot \"Chair's ballot\" is still open: close it first."));
        new CloseMeeting(meeting.Id, convenor).Decide(meeting, [Ballot(BallotStatus.Scheduled, Now.AddHours(1))], Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        var closed = Meeting(convenor, Branch, 1, new MeetingClosed(Guid.Empty, convenor.AccountId, Now));
        new CloseMeeting(closed.Id, convenor).Decide(closed, [], Now).ShouldBe(Decision.Unchanged);
    }

    [Fact]
    public void The_chair_runs_the_meeting_and_a_member_of_its_scope_sees_it()
    {
        var convenor = Organiser(Branch);
        var chair = Member();
        var meeting = Meeting(convenor, Branch, 1, new ChairNamed(Guid.Empty, chair.MemberId!.Value, convenor.AccountId, Now));
        meeting.MayBeRunBy(chair).ShouldBeTrue();
        meeting.MayBeRunBy(Member()).ShouldBeFalse();
        var member = Member();
        MeetingAccess.MaySee(member, InGoodStanding(member), meeting).ShouldBeTrue();
        MeetingAccess.MaySee(member, InGoodStanding(member, OtherBranch), meeting).ShouldBeFalse();
        MeetingAccess.MaySee(member, null, meeting).ShouldBeFalse();
        MeetingAccess.MaySee(member, InGoodStanding(member, OtherBranch), Meeting(Organiser(), null)).ShouldBeTrue();
    }
}
