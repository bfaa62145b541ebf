namespace WorkersPower.Membership.Grants;

/// <summary>
/// The migration of today's organisation-wide roles to grants, as a pure rule: every role an account holds becomes
/// an organisation-wide grant without end, except ORGANISER, which becomes a grant on the member's own branch; a
/// member who holds ORGANISER and launched a campaign or scheduled one of its actions gets CAMPAIGN_ORGANISER on it.
/// </summary>
public static class LegacyRoles
{
    /// <summary>The reason every migrated grant carries.</summary>
    public static string Reason(DateTimeOffset at) =>
        $"Migrated from the organisation-wide role of {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The grants to record for one member. Their ids derive from (member, role, scope), so running the migration
    /// again finds the same streams (it can skip those that exist) instead of granting twice.
    /// </summary>
    /// <param name="memberId">The member whose account holds <paramref name="accountRoles"/>.</param>
    /// <param name="accountRoles">The account's roles today.</param>
    /// <param name="memberBranchId">The member's branch: where their ORGANISER role applies today.</param>
    /// <param name="organisedCampaigns">The campaigns the member launched or scheduled an action of.</param>
    /// <param name="at">When the migration runs: the grants are recorded then, as granted by the platform, and start then unless <paramref name="since"/> says otherwise.</param>
    /// <param name="since">
    /// When the member's record says each role was granted (its last MemberRoleGranted not revoked since): a grant of that
    /// role starts then (backdated, so answers about the past hold); roles it does not name start at <paramref name="at"/>.
    /// </param>
    public static IReadOnlyList<RoleGranted> ToGrants(
        Guid memberId, IEnumerable<string> accountRoles, Guid memberBranchId, IEnumerable<Guid> organisedCampaigns, DateTimeOffset at,
        IReadOnlyDictionary<string, DateTimeOffset>? since = null)
    {
        var roles = accountRoles.Distinct().ToList();
        var scopes = new List<(string Role, GrantScope Scope)>();
        foreach (var role in GrantRoles.All.Where(roles.Contains))
        {
            if (role == GrantRoles.CampaignOrganiser) continue;
            scopes.Add((role, role == Roles.Organiser ? GrantScope.OfBranch(memberBranchId) : GrantScope.Organisation));
        }
        // today a launcher or scheduler organises the campaign only while holding ORGANISER (SignUpAccess)
        if (roles.Contains(Roles.Organiser))
            scopes.AddRange(organisedCampaigns.Distinct().Select(c => (GrantRoles.CampaignOrganiser, GrantScope.OfCampaign(c))));
        var reason = Reason(at);
        DateTimeOffset From(string role) => since is not null && since.TryGetValue(role, out var t) && t < at ? t : at;
        return scopes.Select(s => new RoleGranted(GrantIdOf(memberId, s.Role, s.Scope), memberId, s.Role, s.Scope, From(s.Role), null, Actor.System, reason, at)).ToList();
    }

    /// <summary>
    /// When each role was granted, as the member's events tell it: the time of the last <see cref="MemberRoleGranted"/>
    /// of the role that no <see cref="MemberRoleRevoked"/> of it followed.
    /// </summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> GrantedSince(IEnumerable<object> memberEvents)
    {
        var since = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in memberEvents)
        {
            if (e is MemberRoleGranted granted) since[granted.Role] = granted.At;
            else if (e is MemberRoleRevoked revoked) since.Remove(revoked.Role);
        }
        return since;
    }

    /// <summary>A grant id that depends only on the member, the role and the scope (the first 16 bytes of a SHA-256, as a version 8 UUID).</summary>
    public static Guid GrantIdOf(Guid memberId, string role, GrantScope scope)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"legacy-role-grant:{memberId:N}:{role}:{scope.Kind}:{scope.Id:N}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
