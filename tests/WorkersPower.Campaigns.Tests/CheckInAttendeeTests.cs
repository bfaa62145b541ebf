using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// checkInAttendee's rules, Given events and what the handler loads / When the command / Then an event or a refusal:
/// no database (<see cref="CheckInAccessTests"/> runs the same rules through GraphQL and PostgreSQL).
/// </summary>
public sealed class CheckInAttendeeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ActionId = Guid.NewGuid(), CampaignId = Guid.NewGuid(), MyBranch = Guid.NewGuid(), OtherBranch = Guid.NewGuid();
    /// <summary>The campaign's launcher: CAMPAIGN_ORGANISER on it, and ORGANISER of their own branch.</summary>
    private static readonly Caller Launcher = Runners.OrganiserOf(CampaignId).And(Runners.OnBranch(MyBranch));
    private static readonly Caller Admin = Runners.Admin();

    private static CampaignAction Action(params object[] more) =>
        Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Meeting, "Meeting", Now.AddMinutes(30), Now.AddHours(2), "Hall", null, null, Launcher.AccountId, Now.AddDays(-1)), .. more]);

    private static CampaignMember Member(Guid branch, bool erased = false) => new() { Id = Guid.NewGuid(), DisplayName = "Rosa", BranchId = branch, Erased = erased };

    private static Decision When(Caller by, CampaignAction action, CampaignMember? attendee, bool elsewhere = false, Guid? memberId = null) =>
        new CheckInAttendee(ActionId, memberId ?? attendee?.Id ?? Guid.NewGuid(), by).Decide(action, new CheckInFacts(attendee, elsewhere), Now);

    [Fact]
    public void The_campaigns_organiser_checks_in_a_member_signed_up_and_a_walk_in_of_a_branch_they_organise()
    {
        var signedUp = Member(OtherBranch);
        When(Launcher, Action(new SignedUpForAction(ActionId, CampaignId, signedUp.Id, Now)), signedUp).Events
            .ShouldBe([new AttendeeCheckedIn(ActionId, CampaignId, signedUp.Id, true, Launcher.AccountId, Now)]);
        var neighbour = Member(MyBranch);
        When(Launcher, Action(), neighbour).Events.ShouldBe([new AttendeeCheckedIn(ActionId, CampaignId, neighbour.Id, false, Launcher.AccountId, Now)]);
    }

    [Fact]
    public void Others_than_admins_and_the_campaigns_organisers_are_forbidden_whatever_the_ids()
    {
        // the organiser of the member's branch, who runs no campaign
        var branchOrganiser = Runners.BranchOrganiser(MyBranch);
        When(branchOrganiser, Action(), Member(MyBranch)).Forbidden.ShouldBe(CheckInAttendee.Forbidden);
        When(branchOrganiser, Action(), null).Forbidden.ShouldBe(CheckInAttendee.Forbidden);
        When(Runners.OrganiserEverywhere(), Action(), Member(MyBranch)).Forbidden.ShouldNotBeNull();
        // another campaign's organiser
        When(Runners.OrganiserOf(Guid.NewGuid()).And(Runners.OnBranch(MyBranch)), Action(), Member(MyBranch)).Forbidden.ShouldNotBeNull();
        // the launcher whose grant on it ended (revoked or expired: the token check leaves it out)
        When(Launcher with { Grants = [Runners.OnBranch(MyBranch)] }, Action(), Member(MyBranch)).Forbidden.ShouldNotBeNull();
    }

    [Fact]
    public void A_member_outside_the_organisers_view_is_answered_like_an_unknown_id()
    {
        var stranger = When(Launcher, Action(), Member(OtherBranch)).Errors.Single();
        var unknown = When(Launcher, Action(), null).Errors.Single();
        (stranger.Code, stranger.Message).ShouldBe((ErrorCodes.NotFound, "There is no such member."));
        stranger.Field.ShouldBe(["input", "memberId"]);
        unknown.ShouldBe(stranger);
        When(Launcher, Action(), Member(MyBranch, erased: true)).Errors.Single().ShouldBe(stranger);
        // a campaign organiser who organises no branch sees only those taking part: a walk-in of any branch is unknown to them
        When(Runners.OrganiserOf(CampaignId), Action(), Member(MyBranch)).Errors.Single().ShouldBe(stranger);
        // an organiser of several branches checks in walk-ins of each
        var twoBranches = Runners.OrganiserOf(CampaignId).And(Runners.OnBranch(MyBranch)).And(Runners.OnBranch(OtherBranch));
        When(twoBranches, Action(), Member(OtherBranch)).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void A_member_taking_part_in_another_of_the_campaigns_actions_is_checked_in_and_admins_check_in_anyone_not_erased()
    {
        When(Launcher, Action(), Member(OtherBranch), elsewhere: true).Events.Count.ShouldBe(1);
        var withdrawn = Member(OtherBranch);
        When(Launcher, Action(new SignedUpForAction(ActionId, CampaignId, withdrawn.Id, Now), new WithdrewFromAction(ActionId, CampaignId, withdrawn.Id, null, Now)), withdrawn)
            .Events.Count.ShouldBe(1);
        When(Admin, Action(), Member(OtherBranch)).Events.Count.ShouldBe(1);
        When(Admin, Action(), Member(OtherBranch, erased: true)).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
        // a campaign organiser who organises every branch checks in anyone too
        When(Runners.OrganiserOf(CampaignId).And(Runners.OrganisationWide(Roles.Organiser)), Action(), Member(Guid.NewGuid())).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void Checking_in_twice_counts_once_and_a_cancelled_action_refuses()
    {
        var member = Member(MyBranch);
        var decision = When(Launcher, Action(new AttendeeCheckedIn(ActionId, CampaignId, member.Id, false, Launcher.AccountId, Now)), member);
        (decision.Accepted, decision.Events.Count).ShouldBe((true, 0));
        When(Launcher, Action(new ActionCancelled(ActionId, CampaignId, "Rain", 0, Guid.Empty, Now)), member).Errors.Single().Message.ShouldBe("The action is cancelled.");
    }

    [Fact]
    public void The_handler_asks_about_other_actions_only_when_this_one_does_not_show_the_member()
    {
        var member = Guid.NewGuid();
        new CheckInAttendee(ActionId, member, Launcher).TakesPartIn(Action()).ShouldBeFalse();
        new CheckInAttendee(ActionId, member, Launcher).TakesPartIn(Action(new SignedUpForAction(ActionId, CampaignId, member, Now))).ShouldBeTrue();
    }
}
