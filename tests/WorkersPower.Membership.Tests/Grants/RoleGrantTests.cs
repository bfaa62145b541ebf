using WorkersPower.Platform.Security;
using WorkersPower.Membership.Grants;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>When a grant holds: Given its events / When asked about an instant / Then active or not. No database.</summary>
public sealed class RoleGrantTests
{
    [Fact]
    public void A_grant_holds_from_its_start_until_just_before_its_end()
    {
        var grant = Grant(Issued(Roles.Organiser, OnBranch, until: Now.AddDays(2), from: Now));
        grant.ActiveAt(Now.AddTicks(-1)).ShouldBeFalse();
        grant.ActiveAt(Now).ShouldBeTrue();
        grant.ActiveAt(Now.AddDays(2).AddTicks(-1)).ShouldBeTrue();
        grant.ActiveAt(Now.AddDays(2)).ShouldBeFalse();
        grant.EndedBy(Now.AddDays(2)).ShouldBeTrue();
    }

    [Fact]
    public void A_grant_without_an_end_holds_for_good() =>
        Grant(Roles.Editor).ActiveAt(Now.AddYears(50)).ShouldBeTrue();

    [Fact]
    public void A_revoked_grant_holds_until_its_revocation()
    {
        var grant = Grant(Issued(Roles.Treasurer, until: Now.AddDays(10)), RevokedAt(Now));
        grant.ActiveAt(Now.AddTicks(-1)).ShouldBeTrue();
        grant.ActiveAt(Now).ShouldBeFalse();
        grant.EndsAt.ShouldBe(Now);
        (grant.RevokedBy, grant.RevokeReason).ShouldBe((GrantedBy, "Stepped down"));
    }

    [Fact]
    public void An_expired_grant_holds_no_longer()
    {
        var grant = Grant(Issued(Roles.Treasurer), ExpiredAt(Now));
        grant.ActiveAt(Now.AddTicks(-1)).ShouldBeTrue();
        grant.ActiveAt(Now).ShouldBeFalse();
    }

    [Fact]
    public void The_projection_keeps_who_granted_what_and_why()
    {
        var issued = Issued(GrantRoles.CampaignOrganiser, OnCampaign, until: Now.AddDays(1));
        var grant = Grant(issued);
        (grant.Id, grant.MemberId, grant.Role, grant.Scope.CampaignId, grant.Until, grant.GrantedBy, grant.Reason)
            .ShouldBe((issued.GrantId, Member, GrantRoles.CampaignOrganiser, (Guid?)Campaign, (DateTimeOffset?)Now.AddDays(1), GrantedBy, "Elected at the AGM"));
    }
}
