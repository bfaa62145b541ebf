using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>grantRole's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class GrantRoleTests
{
    private static Account Account(params string[] roles) => new() { MemberId = Id, Roles = [.. roles] };

    private static Decision When(string role, Account? account, Actor? actor = null, MemberProfile? member = null) =>
        new GrantRole(Id, role, actor ?? Admin).Decide(member ?? With(), account, Now);

    [Fact]
    public void An_admin_grants_a_role() =>
        When("TREASURER", Account("MEMBER")).Events.ShouldBe([new MemberRoleGranted(Id, "TREASURER", Admin.AccountId, Now)]);

    [Fact]
    public void Only_admins_grant_roles() => When("ADMIN", Account("MEMBER"), Organiser).ShouldBeDenied();

    [Fact]
    public void A_role_held_already_is_refused() =>
        When("TREASURER", Account("MEMBER", "TREASURER")).Refusal().Message.ShouldBe("The member holds TREASURER already.");

    [Fact]
    public void A_member_without_an_account_or_an_erased_one_is_not_found()
    {
        When("TREASURER", null).Refusal().Message.ShouldBe("The member has no account.");
        When("TREASURER", Account("MEMBER"), member: Erased).ShouldBeNotFound();
    }
}
