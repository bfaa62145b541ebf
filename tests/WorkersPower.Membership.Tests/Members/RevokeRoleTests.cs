using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests;

/// <summary>revokeRole's rules (every active grant of the role), Given the member's grants / When the command / Then revocations or a refusal: no database.</summary>
public sealed class RevokeRoleTests
{
    private static Decision When(string role, Actor? actor = null, bool hasAccount = true, params RoleGrant[] grants) =>
        new RevokeRole(Id, role, actor ?? Admin).Decide(With(), hasAccount, grants, Now);

    [Fact]
    public void An_admin_revokes_every_active_grant_of_the_role_whatever_its_scope()
    {
        RoleGrant onBranch = Grant("ORGANISER", OnBranch), everywhere = Grant("ORGANISER"), ended = Grant(Issued("ORGANISER", OnBranch), RevokedAt(Now.AddHours(-1)));
        When("ORGANISER", null, true, onBranch, everywhere, ended, Grant("EDITOR")).Events.ShouldBe([
            new GrantRevoked(onBranch.Id, Admin.AccountId, RevokeRole.Why, Now), new GrantRevoked(everywhere.Id, Admin.AccountId, RevokeRole.Why, Now)]);
    }

    [Fact]
    public void Only_admins_revoke_roles() => When("TREASURER", Treasurer, true, Grant("TREASURER")).ShouldBeDenied();

    [Fact]
    public void A_role_not_held_by_an_active_grant_is_refused()
    {
        When("EDITOR").Refusal().Message.ShouldBe("The member does not hold EDITOR.");
        When("EDITOR", null, true, Grant("EDITOR", until: Now.AddMinutes(-1))).Refusal().Message.ShouldBe("The member does not hold EDITOR.");
    }

    [Fact]
    public void A_member_without_an_account_is_not_found() => When("EDITOR", null, false, Grant("EDITOR")).ShouldBeNotFound();

    [Fact]
    public void Every_member_keeps_MEMBER() =>
        When("MEMBER").Refusal().Message.ShouldBe("Every member holds MEMBER: suspend or erase the member instead.");

    [Fact]
    public void An_admin_keeps_their_own_ADMIN_role_and_another_admin_may_revoke_it()
    {
        var self = Self with { Roles = ["MEMBER", "ADMIN"] };
        When("ADMIN", self, true, Grant("ADMIN")).Refusal().Message.ShouldBe("You cannot revoke your own ADMIN role: ask another admin.");
        When("ADMIN", null, true, Grant("ADMIN")).Events.Count.ShouldBe(1);
    }
}
