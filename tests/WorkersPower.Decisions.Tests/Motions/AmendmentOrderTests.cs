using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Decisions.Motions;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Motions;

/// <summary>Amendments and putToVote: the order the chair puts them in, and what their ballots' results do to the motion. No database.</summary>
public sealed class AmendmentOrderTests
{
    private static readonly Caller Chair = Organiser(Branch);
    private static readonly Meeting Meeting = Tests.Meetings.Scenes.Meeting(Chair, Branch, seconders: 1);
    private static readonly Caller Mover = Member();
    private static readonly Caller Seconder = Member();

    /// <summary>A seconded motion with three seconded amendments (the ids given), each against version 1.</summary>
    private static (Motion Motion, List<object> Events) Amended(params Guid[] amendments)
    {
        var id = Guid.NewGuid();
        List<object> events = [new MotionSubmitted(id, Meeting.Id, "Build the union", "Original text.", Mover.MemberId!.Value, 1, Now),
            new MotionSeconded(id, Seconder.MemberId!.Value, Now)];
        for (var i = 0; i < amendments.Length; i++)
            events.AddRange([new AmendmentSubmitted(id, amendments[i], i + 1, $"Text of amendment {i + 1}.", 1, Member().MemberId!.Value, 1, Now),
                new AmendmentSeconded(id, amendments[i], Seconder.MemberId!.Value, Now)]);
        return (Testing.Given.Events<MotionProjection, Motion>([.. events]), events);
    }

    private static Motion Then(List<object> events, params object[] more) => Testing.Given.Events<MotionProjection, Motion>([.. events, .. more]);

    private static Decision Put(Motion motion, Guid? amendment = null, Caller? by = null, BallotSettings? settings = null, Guid? ballot = null) =>
        new PutToVote(motion.Id, amendment, settings ?? Settings(), by ?? Chair).Decide(motion, Meeting, ballot ?? Guid.NewGuid(), Now);

    [Fact]
    public void An_amendment_is_the_motions_whole_new_text_numbered_in_the_order_submitted()
    {
        var (motion, _) = Amended(Guid.NewGuid());
        var member = Member();
        var id = Guid.NewGuid();
        new SubmitAmendment(motion.Id, " Another text. ", member).Decide(motion, Meeting, InGoodStanding(member), id, Now).Events
            .ShouldBe([new AmendmentSubmitted(motion.Id, id, 2, "Another text.", 1, member.MemberId!.Value, 1, Now)]);
        Fields(new SubmitAmendment(motion.Id, "Original text.", member).Decide(motion, Meeting, InGoodStanding(member), id, Now)).ShouldBe(["input.text"]);
        Fields(new SubmitAmendment(motion.Id, "", member).Decide(motion, Meeting, InGoodStanding(member), id, Now)).ShouldBe(["input.text"]);
        new SubmitAmendment(motion.Id, "Other.", member).Decide(motion, Meeting, InGoodStanding(member, OtherBranch), id, Now).Forbidden.ShouldNotBeNull();
        var voting = Then(Amended().Events, new MotionPutToVote(motion.Id, null, Guid.NewGuid(), Now));
        new SubmitAmendment(voting.Id, "Other.", member).Decide(voting, Meeting, InGoodStanding(member), id, Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void An_amendment_is_seconded_like_a_motion_not_by_its_mover()
    {
        var amendment = Guid.NewGuid();
        var id = Guid.NewGuid();
        var amendmentMover = Member();
        var motion = Testing.Given.Events<MotionProjection, Motion>(new MotionSubmitted(id, Meeting.Id, "T", "Text.", Mover.MemberId!.Value, 1, Now),
            new AmendmentSubmitted(id, amendment, 1, "New.", 1, amendmentMover.MemberId!.Value, 1, Now));
        motion.Amendments.Single().Status.ShouldBe(MotionStatus.Submitted);
        new SecondAmendment(amendment, amendmentMover).Decide(motion, Meeting, InGoodStanding(amendmentMover), Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        var seconded = new SecondAmendment(amendment, Mover).Decide(motion, Meeting, InGoodStanding(Mover), Now); // the motion's mover may second it
        seconded.Events.ShouldBe([new AmendmentSeconded(id, amendment, Mover.MemberId!.Value, Now)]);
        new SecondAmendment(Guid.NewGuid(), Mover).Decide(motion, Meeting, InGoodStanding(Mover), Now).Errors.Single().Field.ShouldBe(["input", "amendmentId"]);
    }

    [Fact]
    public void Amendments_go_to_the_vote_in_order_each_once_seconded_and_every_earlier_one_decided()
    {
        Guid a1 = Guid.NewGuid(), a2 = Guid.NewGuid(), b1 = Guid.NewGuid();
        var (motion, events) = Amended(a1, a2);
        Put(motion, a2).Errors.Single().Message.ShouldBe("Amendment 1 comes first: it must be decided before this one is put.");
        Put(motion).Errors.Single().Message.ShouldBe("Amendment 1 must be decided before the motion is put.");
        var first = Put(motion, a1, ballot: b1);
        first.Events.OfType<MotionPutToVote>().ShouldBe([new MotionPutToVote(motion.Id, a1, b1, Now)]);
        var created = first.Events.OfType<BallotCreated>().Single();
        (created.Kind, created.Options, created.MotionId, created.AmendmentId, created.BranchId, created.Title)
            .ShouldBe((BallotKind.Motion, MotionOptions.All, motion.Id, a1, Branch, "Amendment 1 to \"Build the union\""));
        var voting = Then(events, [.. first.Events.OfType<MotionPutToVote>()]);
        Put(voting, a1).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState); // not twice
        Put(voting, a2).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        var fell = Then(events, new MotionPutToVote(motion.Id, a1, b1, Now), new MotionDecided(motion.Id, a1, b1, false, Now));
        Put(fell, a2).Accepted.ShouldBeTrue();
        Put(fell).Accepted.ShouldBeFalse();
    }

    [Fact]
    public void The_motion_goes_to_the_vote_once_seconded_and_every_amendment_decided()
    {
        var id = Guid.NewGuid();
        var unseconded = Testing.Given.Events<MotionProjection, Motion>(new MotionSubmitted(id, Meeting.Id, "T", "Text.", Mover.MemberId!.Value, 1, Now));
        Put(unseconded).Errors.Single().Message.ShouldBe("The motion has not been seconded yet.");
        var (motion, _) = Amended();
        var ballot = Guid.NewGuid();
        var put = Put(motion, ballot: ballot);
        put.Events.OfType<MotionPutToVote>().ShouldBe([new MotionPutToVote(motion.Id, null, ballot, Now)]);
        put.Events.OfType<BallotCreated>().Single().Title.ShouldBe("Build the union");
        Put(motion, by: Member()).Forbidden.ShouldNotBeNull();
        Put(motion, by: Organiser(OtherBranch)).Forbidden.ShouldNotBeNull();
        Put(motion, by: Admin()).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_carried_amendment_makes_the_motions_next_version_and_later_amendments_stay_in_order()
    {
        Guid a1 = Guid.NewGuid(), a2 = Guid.NewGuid(), b1 = Guid.NewGuid(), b2 = Guid.NewGuid();
        var (motion, events) = Amended(a1, a2);
        var voting = Then(events, new MotionPutToVote(motion.Id, a1, b1, Now));
        var carried = DecideMotion.Decide(voting, new BallotDecided(b1, motion.Id, a1, true), Now.AddHours(1));
        carried.Events.ShouldBe([new MotionDecided(motion.Id, a1, b1, true, Now.AddHours(1))]);
        var after = Then(events, [new MotionPutToVote(motion.Id, a1, b1, Now), .. carried.Events]);
        (after.Text, after.TextVersion).ShouldBe(("Text of amendment 1.", 2));
        after.Versions.Select(v => (v.Version, v.Text, v.ByAmendment)).ShouldBe([(1, "Original text.", null), (2, "Text of amendment 1.", a1)]);
        after.Amendments.Select(a => (a.Order, a.Status)).ShouldBe([(1, MotionStatus.Carried), (2, MotionStatus.Seconded)]);
        after.Status.ShouldBe(MotionStatus.Seconded);
        // told twice: nothing more
        DecideMotion.Decide(after, new BallotDecided(b1, motion.Id, a1, true), Now).ShouldBe(Decision.Unchanged);
        DecideMotion.Decide(after, new BallotDecided(b1, motion.Id, a1, false), Now).ShouldBe(Decision.Unchanged);
        // the second amendment falls: the text stays; then the motion carries
        var fell = Then(events, new MotionPutToVote(motion.Id, a1, b1, Now), new MotionDecided(motion.Id, a1, b1, true, Now),
            new MotionPutToVote(motion.Id, a2, b2, Now), new MotionDecided(motion.Id, a2, b2, false, Now));
        (fell.Text, fell.Amendments[1].Status).ShouldBe(("Text of amendment 1.", MotionStatus.Fell));
        var b3 = Guid.NewGuid();
        var decided = Then(events, new MotionPutToVote(motion.Id, a1, b1, Now), new MotionDecided(motion.Id, a1, b1, true, Now),
            new MotionPutToVote(motion.Id, a2, b2, Now), new MotionDecided(motion.Id, a2, b2, false, Now), new MotionPutToVote(motion.Id, null, b3, Now),
            new MotionDecided(motion.Id, null, b3, true, Now));
        decided.Status.ShouldBe(MotionStatus.Carried);
        decided.Versions.Count.ShouldBe(2);
        DecideMotion.Decide(decided, new BallotDecided(b3, motion.Id, null, false), Now).ShouldBe(Decision.Unchanged);
    }

    [Fact]
    public void A_ballot_that_is_not_the_motions_changes_nothing()
    {
        var (motion, events) = Amended();
        var voting = Then(events, new MotionPutToVote(motion.Id, null, Guid.NewGuid(), Now));
        DecideMotion.Decide(voting, new BallotDecided(Guid.NewGuid(), motion.Id, null, true), Now).ShouldBe(Decision.Unchanged);
        DecideMotion.Decide(null, new BallotDecided(Guid.NewGuid(), motion.Id, null, true), Now).ShouldBe(Decision.Unchanged);
        var fell = DecideMotion.Decide(voting, new BallotDecided(voting.BallotId!.Value, motion.Id, null, false), Now);
        Then(events, [new MotionPutToVote(motion.Id, null, voting.BallotId.Value, Now), .. fell.Events]).Status.ShouldBe(MotionStatus.Fell);
    }
}
