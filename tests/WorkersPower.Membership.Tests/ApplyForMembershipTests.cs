using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>applyForMembership's rules, Given what is known of the email and branch / When the application / Then: no database.</summary>
public sealed class ApplyForMembershipTests
{
    private static readonly Guid Id = Guid.NewGuid();

    private static ApplyForMembership Application(Guid? branchId = null) => new(
        " Rosa ", "Worker", " Rosa@Example.org ", " 07700 900123 ", "e1 6an", "Unite", null, ["palestine", "Palestine", " anti-fascism "], "Solidarity", true,
        new Money(10m, "GBP"), ContributionFrequency.Monthly, true, branchId);

    [Fact]
    public void A_valid_application_is_recorded_with_its_details_tidied()
    {
        var branch = Guid.NewGuid();
        var decision = Application(branch).Decide(branchExists: true, applicationWaiting: false, memberWithEmail: null, Id, Now);
        var submitted = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<MembershipApplicationSubmitted>();
        submitted.ApplicationId.ShouldBe(Id);
        submitted.BranchId.ShouldBe(branch);
        submitted.SubmittedAt.ShouldBe(Now);
        submitted.PreviousMemberId.ShouldBeNull();
        submitted.Applicant.GivenName.ShouldBe("Rosa");
        submitted.Applicant.Email.ShouldBe("Rosa@Example.org");
        submitted.Applicant.Phone.ShouldBe("07700 900123");
        submitted.Applicant.Postcode.ShouldBe("E1 6AN");
        submitted.Applicant.Interests.ShouldBe(["palestine", "anti-fascism"]);
    }

    [Fact]
    public void Invalid_details_are_refused_before_anything_else_naming_every_field()
    {
        var bad = Application() with { GivenName = " ", AcceptsProgramme = false, ConsentToContact = false, Contribution = new Money(0m, "XXX") };
        var decision = bad.Decide(branchExists: false, applicationWaiting: true, memberWithEmail: null, Id, Now);
        decision.Events.ShouldBeEmpty();
        decision.Errors.Select(e => string.Join('.', e.Field!)).ShouldBe(
            ["input.givenName", "input.acceptsProgramme", "input.consentToContact", "input.contribution.amount", "input.contribution.currency"]);
    }

    [Fact]
    public void An_unknown_branch_is_refused()
    {
        var error = Application(Guid.NewGuid()).Decide(branchExists: false, applicationWaiting: false, memberWithEmail: null, Id, Now).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.NotFound);
        error.Field.ShouldBe(["input", "branchId"]);
    }

    [Fact]
    public void The_email_of_a_waiting_application_or_of_a_current_member_records_nothing_and_is_not_refused()
    {
        var waiting = Application().Decide(branchExists: true, applicationWaiting: true, memberWithEmail: null, Id, Now);
        waiting.Accepted.ShouldBeTrue();
        waiting.Events.ShouldBeEmpty();
        var suspended = Member(Guid.NewGuid(), new MembershipSuspended(Guid.Empty, "Rules", Guid.Empty, Now));
        foreach (var member in new[] { Member(Guid.NewGuid()), suspended })
        {
            var decision = Application().Decide(branchExists: true, applicationWaiting: false, member, Id, Now);
            decision.Accepted.ShouldBeTrue();
            decision.Events.ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_former_member_applying_again_is_recorded_as_renewing_their_record()
    {
        var former = Member(Guid.NewGuid(), new MembershipResigned(Guid.Empty, null, Guid.Empty, Now.AddMonths(-1)));
        var submitted = Application().Decide(branchExists: true, applicationWaiting: false, former, Id, Now).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<MembershipApplicationSubmitted>();
        submitted.PreviousMemberId.ShouldBe(former.Id);
    }
}
