using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>rejectMembershipApplication's rules, Given the application / When the rejection / Then: no database.</summary>
public sealed class RejectMembershipApplicationTests
{
    private static readonly Guid AppId = Guid.NewGuid();

    private static Decision When(MembershipApplication? application, Actor? actor = null, string reason = " Not now ") =>
        new RejectMembershipApplication(AppId, reason, actor ?? Admin).Decide(application, Now);

    [Fact]
    public void A_pending_application_is_rejected_with_the_reason_and_belongs_to_the_rejecting_organisers_branch_when_none_was_chosen()
    {
        var own = Guid.NewGuid();
        var organiser = Organiser(own);
        When(Application(Submitted(AppId)), organiser).Events.ShouldBe([new MembershipApplicationRejected(AppId, "Not now", organiser.AccountId, Now, own)]);
        var chosen = Guid.NewGuid();
        When(Application(Submitted(AppId, branchId: chosen))).Events.ShouldBe([new MembershipApplicationRejected(AppId, "Not now", Admin.AccountId, Now, chosen)]);
    }

    [Fact]
    public void A_reason_is_required_and_at_most_2000_characters()
    {
        foreach (var reason in new[] { " ", new string('a', 2001) })
            When(Application(Submitted(AppId)), reason: reason).Errors.ShouldHaveSingleItem().Field.ShouldBe(["input", "reason"]);
    }

    [Fact]
    public void An_organiser_may_not_reject_an_application_of_another_branch()
    {
        When(Application(Submitted(AppId, branchId: Guid.NewGuid())), Organiser(Guid.NewGuid())).Forbidden.ShouldNotBeNull();
        When(Application(Submitted(AppId)), Organiser(null)).Forbidden.ShouldNotBeNull();
    }

    [Fact]
    public void Only_a_pending_application_is_rejected()
    {
        When(null).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.NotFound);
        var approved = Application(Submitted(AppId), new MembershipApplicationApproved(AppId, Guid.NewGuid(), Guid.NewGuid(), Admin.AccountId, Now));
        When(approved).Errors.ShouldHaveSingleItem().Message.ShouldBe("This application was already approved.");
    }
}
