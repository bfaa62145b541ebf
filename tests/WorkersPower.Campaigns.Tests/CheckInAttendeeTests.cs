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
    private static readonly Caller Launcher = new(Guid.NewGuid(), Guid.NewGuid(), [Roles.Member, Roles.Organiser]);
    private static readonly Caller Admin = new(Guid.NewGuid(), null, [Roles.Admin]);

    private static Campaign Campaign() =>
        Given.Events<CampaignProjection, Campaign>(new CampaignLaunched(CampaignId, "depots", "Depots", "Why.", null, Launcher.AccountId, Launcher.MemberId, Now.AddDays(-9)));

    private static CampaignAction Action(params object[] more) =>
        Given.Events<CampaignActionProjection, CampaignAction>(
            [new ActionScheduled(ActionId, CampaignId, ActionKind.Meeting, "Meeting", Now.AddMinutes(30), Now.AddHours(2), "Hall", null, null, Launcher.AccountId, Now.AddDays(-1)), .. more]);

    private static CampaignMember Member(Guid branch, bool erased = false) => new() { Id = Guid.NewGuid(), DisplayName = "Rosa", BranchId = branch, Erased = erased };

    private static readonly CampaignMember Checker = new() { Id = Launcher.MemberId!.Value, DisplayName = "Launcher", BranchId = MyBranch };

    private static Decision When(Caller by, CampaignAction action, CampaignMember? attendee, bool elsewhere = false, Guid? memberId = null) =>
        new CheckInAttendee(ActionId, memberId ?? attendee?.Id ?? Guid.NewGuid(), by).Decide(action, new CheckInFacts(Campaign(), attendee, elsewhere, Checker), Now);

    [Fact]
    public void The_campaigns_organiser_checks_in_a_member_signed_up_and_a_walk_in_of_their_own_branch()
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
        var outsider = new Caller(Guid.NewGuid(), Guid.NewGuid(), [Roles.Organiser]);
        When(outsider, Action(), Member(MyBranch)).Forbidden.ShouldBe(CheckInAttendee.Forbidden);
        When(outsider, Action(), null).Forbidden.ShouldBe(CheckInAttendee.Forbidden);
        When(Launcher with { Roles = [Roles.Member] }, Action(), Member(MyBranch)).Forbidden.ShouldNotBeNull(); // launched it, no longer an organiser
        new CheckInAttendee(ActionId, Guid.NewGuid(), Launcher).Decide(Action(), new CheckInFacts(null, Member(MyBranch), false, Checker), Now).Forbidden.ShouldNotBeNull();
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
