using WorkersPower.Decisions.Meetings;
using WorkersPower.Decisions.Motions;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Motions;

/// <summary>submitMotion's, secondMotion's and withdrawMotion's rules: no database.</summary>
public sealed class SubmitMotionTests
{
    private static readonly Guid Id = Guid.NewGuid();

    [Fact]
    public void A_member_of_the_scope_moves_a_motion_that_waits_for_its_seconder()
    {
        var meeting = Meeting(Organiser(Branch), Branch);
        var mover = Member();
        var decision = new SubmitMotion(meeting.Id, " Build the union ", "We resolve\nto organise. ", mover).Decide(meeting, InGoodStanding(mover), Id, Now);
        decision.Events.ShouldBe([new MotionSubmitted(Id, meeting.Id, "Build the union", "We resolve\nto organise.", mover.MemberId!.Value, 1, Now)]);
        var motion = Testing.Given.Events<MotionProjection, Motion>([.. decision.Events]);
        (motion.Status, motion.Text, motion.TextVersion).ShouldBe((MotionStatus.Submitted, "We resolve\nto organise.", 1));
    }

    [Fact]
    public void With_no_seconders_required_a_motion_is_seconded_at_once()
    {
        var meeting = Meeting(Organiser(Branch), Branch, seconders: 0);
        Motion(meeting, Member()).Status.ShouldBe(MotionStatus.Seconded);
    }

    [Fact]
    public void Only_members_in_good_standing_of_the_scope_move_motions_at_open_meetings()
    {
        var convenor = Organiser(Branch);
        var meeting = Meeting(convenor, Branch);
        var member = Member();
        Decision By(Caller c, Membership.Contracts.ElectorStanding? s, Decisions.Meetings.Meeting? m = null) => new SubmitMotion(meeting.Id, "Title", "Text", c).Decide(m ?? meeting, s, Id, Now);
        By(member, InGoodStanding(member, OtherBranch)).Forbidden.ShouldNotBeNull();
        By(member, Lapsed(member)).Forbidden.ShouldNotBeNull();
        By(member, null).Forbidden.ShouldNotBeNull();
        By(Admin(), null).Forbidden.ShouldNotBeNull(); // an account without a member record
        By(member, InGoodStanding(member, OtherBranch), Meeting(Organiser(), null)).Accepted.ShouldBeTrue();
        var closed = Meeting(convenor, Branch, 1, new MeetingClosed(Guid.Empty, convenor.AccountId, Now));
        By(member, InGoodStanding(member), closed).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        new SubmitMotion(Guid.NewGuid(), "Title", "Text", member).Decide(null, InGoodStanding(member), Id, Now).Errors.Single().Field.ShouldBe(["input", "meetingId"]);
    }

    [Fact]
    public void A_title_of_one_line_3_to_200_and_a_text_up_to_20000()
    {
        var meeting = Meeting(Organiser(Branch), Branch);
        var member = Member();
        Decision With(string title, string text) => new SubmitMotion(meeting.Id, title, text, member).Decide(meeting, InGoodStanding(member), Id, Now);
        Fields(With("No", "")).ShouldBe(["input.title", "input.text"]);
        Fields(With("Two\nlines", "Text")).ShouldBe(["input.title"]);
        Fields(With("Title", new string('x', 20_001))).ShouldBe(["input.text"]);
        Fields(With("Title", "Bell\u0007")).ShouldBe(["input.text"]);
        With("Title", new string('x', 20_000)).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Members_of_the_scope_other_than_the_mover_second_once_each_until_enough()
    {
        var meeting = Meeting(Organiser(Branch), Branch, seconders: 2);
        var mover = Member();
        var motion = Motion(meeting, mover);
        var (first, second, outsider) = (Member(), Member(), Member());
        Decision By(Motion m, Caller c, Membership.Contracts.ElectorStanding? s) => new SecondMotion(m.Id, c).Decide(m, meeting, s, Now);
        By(motion, mover, InGoodStanding(mover)).Errors.Single().Message.ShouldBe("The mover cannot second it.");
        By(motion, outsider, InGoodStanding(outsider, OtherBranch)).Forbidden.ShouldNotBeNull();
        By(motion, outsider, Lapsed(outsider)).Forbidden.ShouldNotBeNull();
        var once = By(motion, first, InGoodStanding(first));
        once.Events.ShouldBe([new MotionSeconded(motion.Id, first.MemberId!.Value, Now)]);
        var afterOne = Motion(meeting, mover, [.. once.Events]);
        afterOne.Status.ShouldBe(MotionStatus.Submitted);
        By(afterOne, first, InGoodStanding(first)).ShouldBe(Decision.Unchanged);
        var afterTwo = Motion(meeting, mover, [.. once.Events, .. By(afterOne, second, InGoodStanding(second)).Events]);
        afterTwo.Status.ShouldBe(MotionStatus.Seconded);
        afterTwo.Seconders.ShouldBe([first.MemberId!.Value, second.MemberId!.Value]);
    }

    [Fact]
    public void Only_the_mover_withdraws_and_only_before_the_vote()
    {
        var meeting = Meeting(Organiser(Branch), Branch, seconders: 0);
        var mover = Member();
        var motion = Motion(meeting, mover, (Func<Guid, object>)(id => new AmendmentSubmitted(id, Guid.NewGuid(), 1, "New text", 1, Guid.NewGuid(), 0, Now)));
        new WithdrawMotion(motion.Id, Member()).Decide(motion, Now).Forbidden.ShouldNotBeNull();
        var withdrawn = new WithdrawMotion(motion.Id, mover).Decide(motion, Now);
        withdrawn.Events.ShouldBe([new MotionWithdrawn(motion.Id, mover.MemberId!.Value, Now)]);
        var after = Motion(meeting, mover, (Func<Guid, object>)(id => new AmendmentSubmitted(id, Guid.NewGuid(), 1, "New text", 1, Guid.NewGuid(), 0, Now)),
            (Func<Guid, object>)(id => new MotionWithdrawn(id, mover.MemberId!.Value, Now)));
        after.Status.ShouldBe(MotionStatus.Withdrawn);
        after.Amendments.Single().Status.ShouldBe(MotionStatus.Withdrawn);
        new WithdrawMotion(after.Id, mover).Decide(after, Now).ShouldBe(Decision.Unchanged);
        var voting = Motion(meeting, mover, (Func<Guid, object>)(id => new MotionPutToVote(id, null, Guid.NewGuid(), Now)));
        new WithdrawMotion(voting.Id, mover).Decide(voting, Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
    }
}
