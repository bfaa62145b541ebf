using WorkersPower.Membership.Grants;
using WorkersPower.Testing;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>The "given" of the grants' decider tests: grants folded from events on a fixed clock, for <see cref="AMember"/>'s member.</summary>
internal static class AGrant
{
    public static readonly Guid Member = AMember.Id;
    public static readonly Guid Campaign = Guid.NewGuid(), OtherCampaign = Guid.NewGuid(), GrantedBy = Guid.NewGuid();

    /// <summary>A grant of <paramref name="role"/> on <paramref name="scope"/> (default: the whole organisation) from a day ago.</summary>
    public static RoleGranted Issued(string role, GrantScope? scope = null, DateTimeOffset? until = null, DateTimeOffset? from = null, Guid? member = null) =>
        new(Guid.NewGuid(), member ?? Member, role, scope ?? GrantScope.Organisation, from ?? Now.AddDays(-1), until, GrantedBy, "Elected at the AGM", from ?? Now.AddDays(-1));

    /// <summary>The grant as the projection makes it of its issue and <paramref name="more"/> (a function of the grant's id).</summary>
    public static RoleGrant Grant(RoleGranted issued, params Func<Guid, object>[] more) =>
        Given.Events<RoleGrantProjection, RoleGrant>([issued, .. more.Select(f => f(issued.GrantId))]);

    public static RoleGrant Grant(string role, GrantScope? scope = null, DateTimeOffset? until = null) => Grant(Issued(role, scope, until));

    public static Func<Guid, object> RevokedAt(DateTimeOffset at) => id => new GrantRevoked(id, GrantedBy, "Stepped down", at);

    public static Func<Guid, object> ExpiredAt(DateTimeOffset at) => id => new GrantExpired(id, at);

    public static GrantScope OnBranch => GrantScope.OfBranch(Branch);

    public static GrantScope OnCampaign => GrantScope.OfCampaign(Campaign);
}
