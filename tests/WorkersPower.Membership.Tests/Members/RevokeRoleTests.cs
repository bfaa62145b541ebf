using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>revokeRole's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class RevokeRoleTests
{
    private static Account Account(params string[] roles) => new() { MemberId = Id, Roles = [.. roles] };

    private static Decision When(string role, Account? account, Actor? actor = null) =>
        new RevokeRole(Id, role, actor ?? Admin).Decide(With(), account, Now);

    [Fact]
    public void An_admin_revokes_a_role() =>
        When("TREASURER", Account("MEMBER", "TREASURER")).Events.ShouldBe([new MemberRoleRevoked(Id, "TREASURER", Admin.AccountId, Now)]);

    [Fact]
    public void Only_admins_revoke_roles() => When("TREASURER", Account("MEMBER", "TREASURER"), Treasurer).ShouldBeDenied();

    [Fact]
    public void A_role_not_held_is_refused() => When("EDITOR", Account("MEMBER")).Refusal().Message.ShouldBe("The member does not hold EDITOR.");

    [Fact]
    public void Every_member_keeps_MEMBER() =>
        When("MEMBER", Account("MEMBER")).Refusal().Message.ShouldBe("Every member holds MEMBER: suspend or erase the member instead.");

    [Fact]
    public void An_admin_keeps_their_own_ADMIN_role_and_another_admin_may_revoke_it()
    {
        var self = Self with { Roles = ["MEMBER", "ADMIN"] };
        When("ADMIN", Account("MEMBER", "ADMIN"), self).Refusal().Message.ShouldBe("You cannot revoke your own ADMIN role: ask another admin.");
        When("ADMIN", Account("MEMBER", "ADMIN")).Events.Count.ShouldBe(1);
    }
}
