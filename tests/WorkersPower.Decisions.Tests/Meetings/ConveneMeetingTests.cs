using WorkersPower.Decisions.Meetings;
using WorkersPower.Platform;
using WorkersPower.Testing;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Meetings;

/// <summary>conveneMeeting's rules, Given who convenes and the chair's standing / When / Then: no database.</summary>
public sealed class ConveneMeetingTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static Decision When(Caller by, DecisionBody body = DecisionBody.BranchMeeting, Guid? branch = null, string title = "Branch meeting",
        int seconders = 1, Guid? chair = null, ElectorStandingOf? chairStanding = null) =>
        new ConveneMeeting(title, body, body == DecisionBody.BranchMeeting ? branch ?? Branch : branch, Now.AddDays(7), seconders, chair, by)
            .Decide(chairStanding?.Standing, Id, Now);

    [Fact]
    public void An_organiser_of_the_branch_convenes_its_meeting_and_chairs_it()
    {
        var organiser = Organiser(Branch);
        When(organiser, title: "  Branch meeting  ").Events.ShouldBe([new MeetingConvened(Id, "Branch meeting", DecisionBody.BranchMeeting, Branch, Now.AddDays(7), 1,
            organiser.AccountId, organiser.MemberId, null, Now)]);
        var meeting = Given.Events<MeetingProjection, Meeting>(When(organiser).Events[0]);
        meeting.ChairMemberId.ShouldBe(organiser.MemberId);
        meeting.Status.ShouldBe(MeetingStatus.Open);
    }

    [Fact]
    public void Only_an_organiser_of_the_scope_or_an_admin_convenes()
    {
        When(Organiser(OtherBranch)).Forbidden.ShouldNotBeNull();
        When(Member()).Forbidden.ShouldNotBeNull();
        When(Admin()).Accepted.ShouldBeTrue();
        When(Organiser()).Accepted.ShouldBeTrue(); // organisation-wide: every branch
        When(Organiser(Branch), DecisionBody.Conference).Forbidden.ShouldNotBeNull();
        When(Organiser(), DecisionBody.Conference).Accepted.ShouldBeTrue();
        When(Admin(), DecisionBody.NationalCommittee).Accepted.ShouldBeTrue();
        When(Organiser(Branch), DecisionBody.Other, Branch).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void The_body_and_the_branch_agree()
    {
        var admin = Admin();
        Fields(new ConveneMeeting("Branch meeting", DecisionBody.BranchMeeting, null, Now, 1, null, admin).Decide(null, Id, Now)).ShouldBe(["input.branchId"]);
        Fields(When(admin, DecisionBody.Conference, Branch)).ShouldBe(["input.branchId"]);
        Fields(When(admin, DecisionBody.NationalCommittee, Branch)).ShouldBe(["input.branchId"]);
    }

    [Fact]
    public void The_title_is_one_line_of_3_to_200_and_seconders_0_to_20()
    {
        var organiser = Organiser(Branch);
        Fields(When(organiser, title: "AB")).ShouldBe(["input.title"]);
        Fields(When(organiser, title: new string('x', 201))).ShouldBe(["input.title"]);
        Fields(When(organiser, title: "Two\nlines")).ShouldBe(["input.title"]);
        Fields(When(organiser, title: " ")).ShouldBe(["input.title"]);
        Fields(When(organiser, seconders: -1)).ShouldBe(["input.secondersRequired"]);
        Fields(When(organiser, seconders: 21)).ShouldBe(["input.secondersRequired"]);
        When(organiser, seconders: 0).Accepted.ShouldBeTrue();
        When(organiser, seconders: 20).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_chair_named_is_a_member_in_good_standing_of_the_scope()
    {
        var organiser = Organiser(Branch);
        var chair = Member();
        var named = When(organiser, chair: chair.MemberId, chairStanding: new(InGoodStanding(chair)));
        Given.Events<MeetingProjection, Meeting>(named.Events[0]).ChairMemberId.ShouldBe(chair.MemberId);
        Fields(When(organiser, chair: chair.MemberId, chairStanding: new(InGoodStanding(chair, OtherBranch)))).ShouldBe(["input.chairMemberId"]);
        Fields(When(organiser, chair: chair.MemberId, chairStanding: new(Lapsed(chair)))).ShouldBe(["input.chairMemberId"]);
        Fields(When(organiser, chair: chair.MemberId)).ShouldBe(["input.chairMemberId"]);
        // the whole organisation: a member of any branch
        When(Organiser(), DecisionBody.Conference, chair: chair.MemberId, chairStanding: new(InGoodStanding(chair, OtherBranch))).Accepted.ShouldBeTrue();
    }
}

/// <summary>A standing handed to a test (a class, so an optional argument can default to none).</summary>
internal sealed record ElectorStandingOf(Membership.Contracts.ElectorStanding Standing);
