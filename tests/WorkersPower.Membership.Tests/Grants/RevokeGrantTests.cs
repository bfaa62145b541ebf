using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>Revoking a grant's rules, Given the grant / When an admin revokes it / Then the revocation or a refusal. No database.</summary>
public sealed class RevokeGrantTests
{
    private static Decision When(RoleGrant? grant, string? reason = "Stepped down", Actor? actor = null) =>
        new RevokeGrant(grant?.Id ?? Guid.NewGuid(), reason, actor ?? Admin).Decide(grant, Now);

    [Fact]
    public void An_admin_revokes_a_grant_saying_why()
    {
        var grant = Grant(Roles.Organiser, OnBranch);
        When(grant, "  Moved away ").Events.ShouldBe([new GrantRevoked(grant.Id, Admin.AccountId, "Moved away", Now)]);
    }

    [Fact]
    public void Only_admins_revoke() => When(Grant(Roles.Treasurer), actor: Organiser).ShouldBeDenied();

    [Fact]
    public void An_unknown_grant_is_not_found()
    {
        var error = When(null).Refusal();
        error.Code.ShouldBe(ErrorCodes.NotFound);
        error.Field.ShouldBe(["input", "grantId"]);
    }

    [Fact]
    public void A_reason_is_required_and_at_most_1000_characters()
    {
        When(Grant(Roles.Editor), reason: null).Refusal().Field.ShouldBe(["input", "reason"]);
        When(Grant(Roles.Editor), reason: "  ").Refusal().Field.ShouldBe(["input", "reason"]);
        When(Grant(Roles.Editor), reason: new string('x', 1001)).Refusal().Field.ShouldBe(["input", "reason"]);
    }

    [Fact]
    public void A_grant_that_has_ended_is_not_revoked_again()
    {
        When(Grant(Issued(Roles.Editor), RevokedAt(Now.AddHours(-1)))).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
        When(Grant(Issued(Roles.Editor), ExpiredAt(Now.AddHours(-1)))).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
        When(Grant(Roles.Editor, until: Now)).Refusal().Message.ShouldBe("The grant has ended already.");
        When(Grant(Roles.Editor, until: Now.AddTicks(1))).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void An_admin_keeps_their_own_ADMIN_grant_and_another_admin_may_revoke_it()
    {
        var own = Grant(Roles.Admin);
        var self = Self with { Roles = ["MEMBER", "ADMIN"] };
        When(own, actor: self).Refusal().Message.ShouldBe("You cannot revoke your own ADMIN grant: ask another admin.");
        When(own).Events.Count.ShouldBe(1);
        When(Grant(Roles.Editor), actor: self).Events.Count.ShouldBe(1);
    }
}
