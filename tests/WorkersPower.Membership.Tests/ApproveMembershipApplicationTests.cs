using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.ApplicationGiven;

namespace WorkersPower.Membership.Tests;

/// <summary>approveMembershipApplication's rules, Given the application and what the handler read / When the approval / Then: no database.</summary>
public sealed class ApproveMembershipApplicationTests
{
    private static readonly Guid AppId = Guid.NewGuid(), Branch = Guid.NewGuid(), NewMember = Guid.NewGuid();
    private static readonly ApprovalFacts BranchExists = new(BranchExists: true);

    private static Decision When(MembershipApplication? application, ApprovalFacts? facts = null, Actor? actor = null, Guid? into = null) =>
        new ApproveMembershipApplication(AppId, into ?? Branch, actor ?? Admin).Decide(application, facts ?? BranchExists, NewMember, Now);

    [Fact]
    public void A_new_member_begins_in_the_branch_with_a_seven_day_invitation()
    {
        var decision = When(Application(Submitted(AppId)));
        decision.Events.Count.ShouldBe(5);
        decision.Events[0].ShouldBe(new MembershipApplicationApproved(AppId, NewMember, Branch, Admin.AccountId, Now));
        var started = decision.Events[1].ShouldBeOfType<MembershipStarted>();
        (started.MemberId, started.ApplicationId, started.BranchId, started.Email, started.Union).ShouldBe((NewMember, AppId, Branch, "rosa@example.org", "Unite"));
        decision.Events.OfType<WorkersPower.Membership.Members.Ledger.ConsentChanged>().Count().ShouldBe(2); // the join form's consents (Ledger/JoinLedgerTests)
        decision.Events[4].ShouldBe(new AccountInvitationIssued(NewMember, Now.AddDays(7), Admin.AccountId, Now));
    }

    [Fact]
    public void An_organiser_approves_into_their_own_branch_only_an_application_they_see()
    {
        var own = Guid.NewGuid();
        When(Application(Submitted(AppId)), actor: Organiser(own), into: own).Accepted.ShouldBeTrue();
        When(Application(Submitted(AppId, branchId: own)), actor: Organiser(own), into: own).Accepted.ShouldBeTrue();
        When(Application(Submitted(AppId)), actor: Organiser(own), into: Guid.NewGuid()).Forbidden.ShouldNotBeNull();
        When(Application(Submitted(AppId, branchId: Guid.NewGuid())), actor: Organiser(own), into: own).Forbidden.ShouldNotBeNull();
        When(Application(Submitted(AppId)), actor: Organiser(null), into: own).Forbidden.ShouldNotBeNull();
    }

    [Fact]
    public void Only_a_pending_application_in_an_existing_branch_is_approved()
    {
        When(null).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.NotFound);
        var rejected = Application(Submitted(AppId), new MembershipApplicationRejected(AppId, "No", Admin.AccountId, Now));
        When(rejected).Errors.ShouldHaveSingleItem().Message.ShouldBe("This application was already rejected.");
        var error = When(Application(Submitted(AppId)), new ApprovalFacts(BranchExists: false)).Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe(ErrorCodes.NotFound);
        error.Field.ShouldBe(["input", "branchId"]);
    }

    [Fact]
    public void An_email_with_an_account_already_is_refused_and_a_race_with_another_approval_is_told_apart()
    {
        var application = Application(Submitted(AppId));
        var account = new Account { Id = Guid.NewGuid(), MemberId = Guid.NewGuid(), Email = "rosa@example.org" };
        var other = Member(account.MemberId!.Value);
        When(application, BranchExists with { Account = account, Latest = application, AccountHolder = other }).Errors.ShouldHaveSingleItem()
            .Code.ShouldBe(ErrorCodes.AlreadyExists);

        var approvedMeanwhile = Application(Submitted(AppId), new MembershipApplicationApproved(AppId, account.MemberId.Value, Branch, Guid.Empty, Now));
        When(application, BranchExists with { Account = account, Latest = approvedMeanwhile }).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidState);

        other.ApplicationIds.Add(AppId);
        When(application, BranchExists with { Account = account, Latest = application, AccountHolder = other }).Errors.ShouldHaveSingleItem()
            .Code.ShouldBe(ErrorCodes.Conflict);
    }

    [Fact]
    public void A_former_member_is_renewed_with_a_new_invitation_only_when_their_account_was_never_activated()
    {
        var formerId = Guid.NewGuid();
        var former = Member(formerId, new MembershipResigned(formerId, null, formerId, Now.AddMonths(-3)));
        var application = Application(Submitted(AppId, previousMemberId: formerId));

        var activated = When(application, BranchExists with { Previous = former, Account = new Account { Id = formerId, MemberId = formerId, PasswordHash = "hash" } });
        activated.Events.Select(e => e.GetType()).ShouldBe([typeof(MembershipApplicationApproved), typeof(WorkersPower.Membership.Members.Ledger.ConsentChanged), typeof(MembershipRenewed)]);
        activated.Events[0].ShouldBeOfType<MembershipApplicationApproved>().MemberId.ShouldBe(formerId);

        var never = When(application, BranchExists with { Previous = former, Account = new Account { Id = formerId, MemberId = formerId } });
        never.Events[3].ShouldBe(new AccountInvitationIssued(formerId, Now.AddDays(7), Admin.AccountId, Now));
        When(application, BranchExists with { Previous = former }).Events.Count.ShouldBe(4);
    }

    [Fact]
    public void A_renewal_is_refused_when_the_former_record_is_no_longer_resigned()
    {
        var formerId = Guid.NewGuid();
        var application = Application(Submitted(AppId, previousMemberId: formerId));
        foreach (var previous in new[] { Member(formerId), Member(formerId, new MembershipResigned(formerId, null, formerId, Now), new MemberDataErased(formerId, Guid.Empty, Now)), null })
            When(application, BranchExists with { Previous = previous }).Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.InvalidState);
    }
}
