using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Members;
using WorkersPower.Membership.Members.Ledger;
using WorkersPower.Platform;
using WorkersPower.Testing;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests.Ledger;

/// <summary>The programme's rules: which revision an application records, what approval carries, acceptProgramme. No database.</summary>
public sealed class ProgrammeAcceptanceTests
{
    private static readonly Guid Page = Guid.NewGuid(), AppId = Guid.NewGuid();
    private static readonly ProgrammeRevision Current = new(Page, 4, 4, Now.AddDays(-10));
    private static readonly ProgrammeRevision Older = new(Page, 2, 4, Now.AddDays(-40));

    private static ApplyForMembership Applying(Guid? page = null, int? version = null) => new(
        "Rosa", "Worker", "rosa@example.org", null, "E1 6AN", null, null, [], null, true, new Money(10m, "GBP"), ContributionFrequency.Monthly, true, null, page, version);

    private static MembershipApplicationSubmitted Submitted(ApplyForMembership command, ProgrammeRevision? programme) =>
        command.Decide(branchExists: true, applicationWaiting: false, memberWithEmail: null, AppId, Now, programme).Events.ShouldHaveSingleItem().ShouldBeOfType<MembershipApplicationSubmitted>();

    [Fact]
    public void The_application_records_the_revision_the_form_showed_even_an_older_one()
    {
        Submitted(Applying(Page, 4), Current).Programme.ShouldBe(new AcceptedProgramme(Page, 4, VersionShown: true));
        Submitted(Applying(Page, 3), Older).Programme.ShouldBe(new AcceptedProgramme(Page, 2, VersionShown: true)); // version 3 showed the text of revision 2
    }

    [Fact]
    public void An_older_form_that_names_no_version_records_the_current_one_as_not_shown_and_none_when_there_is_no_programme()
    {
        Submitted(Applying(), Current).Programme.ShouldBe(new AcceptedProgramme(Page, 4, VersionShown: false));
        Submitted(Applying(), null).Programme.ShouldBeNull();
    }

    [Fact]
    public void A_version_the_programme_never_had_is_refused()
    {
        var error = Applying(Page, 99).Decide(true, false, null, AppId, Now, programme: null).Errors.ShouldHaveSingleItem();
        (error.Code, string.Join('.', error.Field!)).ShouldBe((ErrorCodes.NotFound, "input.programmeVersion"));
        Applying(Guid.NewGuid(), 4).Decide(true, false, null, AppId, Now, Current).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.NotFound); // another page
    }

    [Fact]
    public void The_page_and_the_version_go_together()
    {
        Applying(Page, null).Validate().ShouldHaveSingleItem().Field.ShouldBe(["input", "programmeVersion"]);
        Applying(null, 4).Validate().ShouldHaveSingleItem().Field.ShouldBe(["input", "programmeId"]);
    }

    [Fact]
    public void Approval_carries_the_programme_and_the_consents_to_the_member_at_the_time_of_the_application()
    {
        var submitted = Submitted(Applying(Page, 4), Current);
        var application = ApplicationGiven.Application(submitted);
        var member = Guid.NewGuid();
        var decision = new ApproveMembershipApplication(AppId, Guid.NewGuid(), ApplicationGiven.Admin).Decide(application, new ApprovalFacts(true), member, Now.AddDays(2));
        decision.Events.OfType<ProgrammeAccepted>().ShouldHaveSingleItem()
            .ShouldBe(new ProgrammeAccepted(member, Page, 4, ProgrammeAcceptanceSource.JoinForm, true, null, Now));
        decision.Events.OfType<ConsentChanged>().ShouldAllBe(c => c.At == Now && c.Source == ConsentSource.JoinForm && c.MemberId == member);
    }

    [Fact]
    public void An_application_from_before_revisions_were_recorded_carries_no_acceptance()
    {
        var application = ApplicationGiven.Application(ApplicationGiven.Submitted(AppId));
        new ApproveMembershipApplication(AppId, Guid.NewGuid(), ApplicationGiven.Admin).Decide(application, new ApprovalFacts(true), Guid.NewGuid(), Now)
            .Events.OfType<ProgrammeAccepted>().ShouldBeEmpty();
    }

    private static MemberLedger AcceptedAt(int version) =>
        Given.Events<MemberLedgerProjection, MemberLedger>(new ProgrammeAccepted(Id, Page, version, ProgrammeAcceptanceSource.JoinForm, true, null, Now.AddMonths(-3)));

    [Fact]
    public void The_member_accepts_the_new_version_and_who_accepted_which_when_is_recorded()
    {
        new AcceptProgramme(Id, 4, Self).Decide(With(), AcceptedAt(2), Current, Now).Events
            .ShouldBe([new ProgrammeAccepted(Id, Page, 4, ProgrammeAcceptanceSource.Member, true, Self.AccountId, Now)]);
        new AcceptProgramme(Id, 4, Self).Decide(With(), null, Current, Now).Events.Count.ShouldBe(1); // a member from before revisions were kept
    }

    [Fact]
    public void Accepting_the_version_accepted_already_records_nothing() =>
        new AcceptProgramme(Id, 4, Self).Decide(With(), AcceptedAt(4), Current, Now).Events.ShouldBeEmpty();

    [Fact]
    public void Only_the_current_version_of_an_existing_programme_is_accepted()
    {
        new AcceptProgramme(Id, 2, Self).Decide(With(), AcceptedAt(2), Older, Now).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
        new AcceptProgramme(Id, 9, Self).Decide(With(), null, null, Now).Refusal().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public void Only_the_member_themself_while_a_member()
    {
        new AcceptProgramme(Id, 4, Organiser).Decide(With(), null, Current, Now).ShouldBeDenied();
        new AcceptProgramme(Id, 4, Self).Decide(Erased, null, Current, Now).ShouldBeNotFound();
        new AcceptProgramme(Id, 4, Self).Decide(With(new MembershipResigned(Id, null, Id, Now)), null, Current, Now).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void The_acceptance_is_current_only_at_the_programme_s_current_version()
    {
        var latest = AcceptedAt(2).LatestAcceptance!;
        new ProgrammeAcceptanceView(latest, 2).Current.ShouldBeTrue();
        new ProgrammeAcceptanceView(latest, 4).Current.ShouldBeFalse();
        new ProgrammeAcceptanceView(latest, null).Current.ShouldBeFalse();
    }
}
