using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Membership.Messages;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>
/// Membership's rules read the caller's grants: Given an actor's grants / When a rule is asked about a member, an
/// application or a branch / Then its answer. No database.
/// </summary>
public sealed class ActorGrantsTests
{
    private static readonly Guid ThirdBranch = Guid.NewGuid();

    private static MemberProfile MemberOf(Guid branch) => With(new MemberTransferred(Id, AMember.Branch, branch, Guid.NewGuid(), Now, "moved"));

    private static MembershipApplication Application(ApplicationStatus status, Guid? branch) => new() { Status = status, BranchId = branch };

    [Fact]
    public void An_organiser_of_two_branches_manages_and_reads_the_members_of_both_and_of_no_third()
    {
        var both = OrganiserOf(AMember.Branch, OtherBranch);
        both.Manages(MemberOf(AMember.Branch)).ShouldBeTrue();
        both.Manages(MemberOf(OtherBranch)).ShouldBeTrue();
        both.Manages(MemberOf(ThirdBranch)).ShouldBeFalse();
        both.SeesPersonal(MemberOf(ThirdBranch)).ShouldBeFalse();
        both.Sees(MemberOf(ThirdBranch)).ShouldBeFalse();
        both.ListedBranches!.ShouldBe([AMember.Branch, OtherBranch], ignoreOrder: true);
        both.ReadsPersonalDataOfBranches([AMember.Branch, OtherBranch]).ShouldBeTrue();
        both.ReadsPersonalDataOfBranches(null).ShouldBeFalse();
        both.OnlyOrganisedBranch.ShouldBeNull();
    }

    [Fact]
    public void An_organiser_of_branch_A_does_not_reach_a_member_of_branch_B()
    {
        var organiserOfA = OrganiserOf(AMember.Branch);
        var memberOfB = MemberOf(OtherBranch);
        (organiserOfA.Manages(memberOfB), organiserOfA.SeesPersonal(memberOfB), organiserOfA.SeesContributions(memberOfB), organiserOfA.Sees(memberOfB))
            .ShouldBe((false, false, false, false));
        new SuspendMember(Id, "Broke the rules", organiserOfA).Decide(memberOfB, Now).ShouldBeDenied();
        new ReinstateMember(Id, "Heard", organiserOfA).Decide(memberOfB, Now).ShouldBeDenied();
        organiserOfA.ReadsPersonalDataOfBranch(OtherBranch).ShouldBeFalse();
        MessageSegment.WhyNotBranch(organiserOfA, OtherBranch).ShouldBe("Organisers write only to the members of the branches they organise.");
        MessageSegment.WhyNotBranch(organiserOfA, AMember.Branch).ShouldBeNull();
        organiserOfA.OnlyOrganisedBranch.ShouldBe(AMember.Branch);
    }

    [Fact]
    public void An_organisation_wide_organiser_organises_every_branch()
    {
        OrganiserEverywhere.Manages(MemberOf(ThirdBranch)).ShouldBeTrue();
        OrganiserEverywhere.ListedBranches.ShouldBeNull();
        OrganiserEverywhere.ReadsPersonalDataOfBranch(null).ShouldBeTrue();
        OrganiserEverywhere.SeesApplication(Application(ApplicationStatus.Rejected, null)).ShouldBeTrue();
    }

    [Fact]
    public void A_transfer_needs_organising_both_branches()
    {
        var member = MemberOf(AMember.Branch);
        new TransferMember(Id, OtherBranch, OrganiserOf(AMember.Branch), "Moved house").Decide(member, branchExists: true, Now).ShouldBeDenied();
        new TransferMember(Id, OtherBranch, OrganiserOf(OtherBranch), "Moved house").Decide(member, branchExists: true, Now).ShouldBeDenied();
        new TransferMember(Id, OtherBranch, OrganiserOf(AMember.Branch, OtherBranch), "Moved house").Decide(member, branchExists: true, Now).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_branch_treasurer_reads_and_records_the_contributions_of_their_branch_only()
    {
        var treasurerOfB = Holding(GrantOn(Roles.Treasurer, OtherBranch));
        treasurerOfB.SeesContributions(MemberOf(OtherBranch)).ShouldBeTrue();
        treasurerOfB.SeesPersonal(MemberOf(OtherBranch)).ShouldBeFalse();
        treasurerOfB.SeesContributions(MemberOf(AMember.Branch)).ShouldBeFalse();
        treasurerOfB.Sees(MemberOf(AMember.Branch)).ShouldBeFalse();
        treasurerOfB.ListedBranches.ShouldBe([OtherBranch]);
        treasurerOfB.ReadsPersonalDataOfBranches([OtherBranch]).ShouldBeFalse();
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        new RecordContributionPayment(Id, new Money(10m, "GBP"), day, null, treasurerOfB).Decide(MemberOf(AMember.Branch), false, Now).ShouldBeDenied();
        new RecordContributionPayment(Id, new Money(10m, "GBP"), day, null, treasurerOfB).Decide(MemberOf(OtherBranch), false, Now).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_branch_treasurers_import_answers_a_member_of_another_branch_as_no_member_they_record()
    {
        var import = new ImportContributionPayments("", false, Holding(GrantOn(Roles.Treasurer, OtherBranch)));
        var (lines, _) = new ImportContributionPayments("date,amount,member\n2026-11-01,10,rosa@example.org\n", false, Treasurer).Read();
        var row = ImportContributionPayments.Match(lines, _ => MemberOf(AMember.Branch), Now, import.Reaches).ShouldHaveSingleItem();
        (row.Status, row.MemberId, row.Message).ShouldBe((ImportRowStatus.Refused, (Guid?)null, "No member whose payments you record has this email or id."));
        ImportContributionPayments.Match(lines, _ => MemberOf(OtherBranch), Now, import.Reaches).Single().Status.ShouldBe(ImportRowStatus.Matched);
    }

    [Fact]
    public void Every_organiser_sees_pending_applications_without_a_branch_but_decided_ones_only_of_their_branches()
    {
        var both = OrganiserOf(AMember.Branch, OtherBranch);
        both.SeesApplication(Application(ApplicationStatus.Pending, null)).ShouldBeTrue();
        both.SeesApplication(Application(ApplicationStatus.Rejected, null)).ShouldBeFalse();
        both.SeesApplication(Application(ApplicationStatus.Pending, OtherBranch)).ShouldBeTrue();
        both.SeesApplication(Application(ApplicationStatus.Approved, ThirdBranch)).ShouldBeFalse();
        both.MayApprove(Application(ApplicationStatus.Pending, null), OtherBranch).ShouldBeTrue();
        both.MayApprove(Application(ApplicationStatus.Pending, null), ThirdBranch).ShouldBeFalse();
        Holding(GrantOn(Roles.Treasurer, null)).SeesApplication(Application(ApplicationStatus.Pending, null)).ShouldBeFalse();
    }

    [Fact]
    public void A_rejection_of_an_application_without_a_branch_belongs_to_the_rejecters_branch_only_when_they_organise_one()
    {
        var submitted = ApplicationGiven.Application(ApplicationGiven.Submitted(Guid.NewGuid()));
        Branch(new RejectMembershipApplication(submitted.Id, "No", OrganiserOf(OtherBranch)).Decide(submitted, Now)).ShouldBe(OtherBranch);
        Branch(new RejectMembershipApplication(submitted.Id, "No", OrganiserOf(OtherBranch, AMember.Branch)).Decide(submitted, Now)).ShouldBeNull();
        Branch(new RejectMembershipApplication(submitted.Id, "No", OrganiserEverywhere).Decide(submitted, Now)).ShouldBeNull();

        static Guid? Branch(Decision d) => d.Events.OfType<MembershipApplicationRejected>().Single().BranchId;
    }

    [Fact]
    public void A_token_claiming_ORGANISER_without_a_grant_organises_nothing()
    {
        var claimOnly = new Actor(Guid.NewGuid(), Guid.NewGuid(), [Roles.Member, Roles.Organiser], []);
        claimOnly.Manages(MemberOf(AMember.Branch)).ShouldBeFalse();
        claimOnly.ListedBranches.ShouldBe([]);
        claimOnly.SeesApplication(Application(ApplicationStatus.Pending, null)).ShouldBeFalse();
    }
}
