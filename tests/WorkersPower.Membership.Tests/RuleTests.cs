using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Tests;

/// <summary>The pure rules: given a command or state, the events or the user errors.</summary>
public sealed class RuleTests
{
    private static ApplyForMembership Good() => new(
        "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, ["palestine"], null, true,
        new Money(10m, "GBP"), ContributionFrequency.Monthly, true);

    [Fact]
    public void A_complete_application_has_no_errors() => Good().Validate().ShouldBeEmpty();

    [Theory]
    [InlineData("rosa")]
    [InlineData("rosa@")]
    [InlineData("@example.org")]
    [InlineData("rosa@example")]
    [InlineData("ro sa@example.org")]
    public void An_email_must_look_like_one(string email) =>
        (Good() with { Email = email }).Validate().Single().Field.ShouldBe(["input", "email"]);

    [Fact]
    public void Over_long_text_is_refused() =>
        (Good() with { GivenName = new string('a', 101) }).Validate().Single().Field.ShouldBe(["input", "givenName"]);

    [Fact]
    public void Too_many_interests_are_refused() =>
        (Good() with { Interests = Enumerable.Range(0, 21).Select(i => $"i{i}").ToList() }).Validate()
            .Single().Field.ShouldBe(["input", "interests"]);

    [Fact]
    public void Control_characters_in_names_are_refused() =>
        (Good() with { FamilyName = "Wor\u0000ker" }).Validate().Single().Field.ShouldBe(["input", "familyName"]);

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("qwertyuiop")]
    [InlineData("rosa-the-red-2026")]
    public void Weak_passwords_are_refused(string password) => PasswordPolicy.Check(password, "rosa@example.org").ShouldNotBeNull();

    [Fact]
    public void A_long_varied_password_is_accepted() => PasswordPolicy.Check("bread and roses 1912", "rosa@example.org").ShouldBeNull();

    [Fact]
    public void Only_a_pending_application_can_be_decided()
    {
        MembershipApplication.CheckDecidable(null)!.Code.ShouldBe(ErrorCodes.NotFound);
        MembershipApplication.CheckDecidable(new MembershipApplication { Status = ApplicationStatus.Approved })!.Code.ShouldBe(ErrorCodes.InvalidState);
        MembershipApplication.CheckDecidable(new MembershipApplication { Status = ApplicationStatus.Rejected })!.Code.ShouldBe(ErrorCodes.InvalidState);
        MembershipApplication.CheckDecidable(new MembershipApplication { Status = ApplicationStatus.Pending }).ShouldBeNull();
    }

    [Fact]
    public void An_approval_starts_the_member_with_the_applicants_details_and_a_seven_day_invitation()
    {
        var now = DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var applicant = Applicant();
        var application = new MembershipApplication { Id = Guid.NewGuid(), Status = ApplicationStatus.Pending, Applicant = applicant };
        var (memberId, branchId, decidedBy) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var admin = new Members.Actor(decidedBy, null, ["ADMIN"], []);
        var decision = new ApproveMembershipApplication(application.Id, branchId, admin).Decide(application, new ApprovalFacts(BranchExists: true), memberId, now);
        var approved = decision.Events.OfType<MembershipApplicationApproved>().Single();
        var started = decision.Events.OfType<Members.MembershipStarted>().Single();
        var invitation = decision.Events.OfType<Members.AccountInvitationIssued>().Single();
        approved.MemberId.ShouldBe(memberId);
        approved.BranchId.ShouldBe(branchId);
        started.Email.ShouldBe(applicant.Email);
        started.BranchId.ShouldBe(branchId);
        invitation.ExpiresAt.ShouldBe(now.AddDays(7));
    }

    [Fact]
    public void Organisers_see_and_approve_applications_of_their_branch_and_pending_ones_without_one()
    {
        var (own, other) = (Guid.NewGuid(), Guid.NewGuid());
        var organiser = new Members.Actor(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "ORGANISER"], [new Grant(Guid.NewGuid(), "ORGANISER", GrantScopeKind.Branch, own, null)]);
        var admin = new Members.Actor(Guid.NewGuid(), null, ["ADMIN"], []);
        var treasurer = new Members.Actor(Guid.NewGuid(), Guid.NewGuid(), ["MEMBER", "TREASURER"], [new Grant(Guid.NewGuid(), "TREASURER", GrantScopeKind.Branch, own, null)]);
        MembershipApplication App(ApplicationStatus status, Guid? branch) => new() { Status = status, BranchId = branch };

        organiser.SeesApplication(App(ApplicationStatus.Pending, own)).ShouldBeTrue();
        organiser.SeesApplication(App(ApplicationStatus.Pending, null)).ShouldBeTrue();
        organiser.SeesApplication(App(ApplicationStatus.Pending, other)).ShouldBeFalse();
        organiser.SeesApplication(App(ApplicationStatus.Approved, own)).ShouldBeTrue();
        organiser.SeesApplication(App(ApplicationStatus.Approved, other)).ShouldBeFalse();
        organiser.SeesApplication(App(ApplicationStatus.Rejected, null)).ShouldBeFalse();
        treasurer.SeesApplication(App(ApplicationStatus.Pending, null)).ShouldBeFalse();
        admin.SeesApplication(App(ApplicationStatus.Rejected, null)).ShouldBeTrue();

        organiser.MayApprove(App(ApplicationStatus.Pending, null), own).ShouldBeTrue();
        organiser.MayApprove(App(ApplicationStatus.Pending, null), other).ShouldBeFalse();
        organiser.MayApprove(App(ApplicationStatus.Pending, other), own).ShouldBeFalse();
        admin.MayApprove(App(ApplicationStatus.Pending, other), own).ShouldBeTrue();
        (organiser with { Grants = [] }).MayApprove(App(ApplicationStatus.Pending, null), own).ShouldBeFalse();
    }

    private static ApplicantDetails Applicant() => new("Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [], null, new Money(5m, "GBP"), ContributionFrequency.Monthly);
}
