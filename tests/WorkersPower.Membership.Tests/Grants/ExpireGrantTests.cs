using WorkersPower.Membership.Grants;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>Expiring a grant, Given the grant / When the scheduled message arrives / Then the expiry or nothing (idempotent). No database.</summary>
public sealed class ExpireGrantTests
{
    private static Decision When(RoleGrant? grant, DateTimeOffset? at = null) => new ExpireGrant(grant?.Id ?? Guid.NewGuid()).Decide(grant, at ?? Now);

    [Fact]
    public void A_grant_past_its_end_expires()
    {
        var grant = Grant(Roles.Organiser, OnBranch, until: Now.AddMinutes(-1));
        When(grant).Events.ShouldBe([new GrantExpired(grant.Id, Now)]);
    }

    [Fact]
    public void A_grant_expires_at_its_end_not_before()
    {
        var grant = Grant(Roles.Organiser, OnBranch, until: Now);
        When(grant, Now.AddTicks(-1)).ShouldBe(Decision.Unchanged);
        When(grant, Now).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void A_grant_without_an_end_never_expires() => When(Grant(Roles.Editor), Now.AddYears(10)).ShouldBe(Decision.Unchanged);

    [Fact]
    public void An_ended_or_unknown_grant_records_nothing()
    {
        When(Grant(Issued(Roles.Editor, until: Now.AddDays(-1)), ExpiredAt(Now.AddDays(-1)))).ShouldBe(Decision.Unchanged);
        When(Grant(Issued(Roles.Editor, until: Now.AddDays(-1)), RevokedAt(Now.AddDays(-2)))).ShouldBe(Decision.Unchanged);
        When(null).ShouldBe(Decision.Unchanged);
    }

    [Fact]
    public void Expiring_twice_records_once()
    {
        var issued = Issued(Roles.Treasurer, until: Now.AddDays(-1));
        var first = When(Grant(issued));
        var expired = (GrantExpired)first.Events.ShouldHaveSingleItem();
        When(Grant(issued, _ => expired)).ShouldBe(Decision.Unchanged);
    }
}
