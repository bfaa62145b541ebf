using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>transferMember's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class TransferMemberTests
{
    private static Decision When(MemberProfile? member, Guid into, Actor? actor = null, bool branchExists = true) =>
        new TransferMember(Id, into, actor ?? OrganiserOfBoth).Decide(member, branchExists, Now);

    [Fact]
    public void An_organiser_of_both_branches_moves_a_member_from_one_to_the_other() =>
        When(With(), OtherBranch).Events.ShouldBe([new MemberTransferred(Id, Branch, OtherBranch, OrganiserOfBoth.AccountId, Now)]);

    [Fact]
    public void The_organiser_of_only_one_of_the_two_branches_may_not()
    {
        When(With(), OtherBranch, OrganiserElsewhere).ShouldBeDenied();
        When(With(), OtherBranch, Organiser).ShouldBeDenied();
    }

    [Fact]
    public void An_organisation_wide_organiser_and_an_admin_move_anyone()
    {
        When(With(), OtherBranch, OrganiserEverywhere).Accepted.ShouldBeTrue();
        When(With(), OtherBranch, Admin).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void The_branch_must_exist_and_be_another_one()
    {
        When(With(), Guid.NewGuid(), branchExists: false).Refusal().Field.ShouldBe(["input", "branchId"]);
        When(With(), Branch).Refusal().Message.ShouldBe("The member is in that branch already.");
    }

    [Fact]
    public void The_reason_is_kept_trimmed_and_at_most_1000_characters()
    {
        new TransferMember(Id, OtherBranch, OrganiserOfBoth, "  Moved to Leeds for work ").Decide(With(), true, Now).Events
            .ShouldBe([new MemberTransferred(Id, Branch, OtherBranch, OrganiserOfBoth.AccountId, Now, "Moved to Leeds for work")]);
        new TransferMember(Id, OtherBranch, OrganiserOfBoth, new string('x', 1001)).Decide(With(), true, Now).Refusal().Field.ShouldBe(["input", "reason"]);
        new TransferMember(Id, OtherBranch, OrganiserOfBoth, "   ").Decide(With(), true, Now).Events
            .ShouldBe([new MemberTransferred(Id, Branch, OtherBranch, OrganiserOfBoth.AccountId, Now)]);
    }

    [Fact]
    public void An_erased_member_is_not_found() => When(Erased, OtherBranch, Admin).ShouldBeNotFound();
}
