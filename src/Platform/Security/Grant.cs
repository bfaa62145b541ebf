namespace WorkersPower.Platform.Security;

/// <summary>What a role grant reaches: the whole organisation, one branch, or one campaign.</summary>
public enum GrantScopeKind
{
    Organisation,
    Branch,
    Campaign,
}

/// <summary>
/// One active grant of a role to the caller, as the token check found it on this request: its id, the role, the
/// scope (a branch's or a campaign's id, or none for the whole organisation) and its end, if any. Grants are not in
/// the token: Membership's token check reads the current ones (cached a few seconds) and adds them to the request's
/// principal, so a grant or a revocation takes effect within those seconds without signing in again.
/// </summary>
public sealed record Grant(Guid Id, string Role, GrantScopeKind Kind, Guid? ScopeId, DateTimeOffset? Until)
{
    /// <summary>Whether this grant gives <paramref name="role"/> over the branch (a grant on it, or organisation-wide).</summary>
    public bool CoversBranch(string role, Guid branchId) =>
        Role == role && (Kind == GrantScopeKind.Organisation || (Kind == GrantScopeKind.Branch && ScopeId == branchId));

    /// <summary>Whether this grant gives <paramref name="role"/> over the campaign (a grant on it, or organisation-wide).</summary>
    public bool CoversCampaign(string role, Guid campaignId) =>
        Role == role && (Kind == GrantScopeKind.Organisation || (Kind == GrantScopeKind.Campaign && ScopeId == campaignId));
}

/// <summary>How the token check hands the current grants to the request: claims of a server-made identity, never of the token.</summary>
public static class GrantClaims
{
    /// <summary>The authentication type of the identity the host adds with the grants; claims of any other identity are ignored.</summary>
    public const string IdentityType = "workerspower-grants";

    public const string ClaimType = "grant";

    public static Claim ToClaim(Grant grant) => new(ClaimType, string.Join('|',
        grant.Id.ToString("N"), grant.Role, grant.Kind.ToString(), grant.ScopeId?.ToString("N") ?? "",
        grant.Until?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    public static Grant? FromClaim(Claim claim)
    {
        var parts = claim.Value.Split('|');
        if (parts.Length != 5 || !Guid.TryParse(parts[0], out var id) || !Enum.TryParse<GrantScopeKind>(parts[2], out var kind)) return null;
        Guid? scope = Guid.TryParse(parts[3], out var s) ? s : null;
        DateTimeOffset? until = long.TryParse(parts[4], System.Globalization.CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        return new Grant(id, parts[1], kind, scope, until);
    }

    /// <summary>
    /// The principal with the grants added as a server-made identity (replacing one added before), with a role claim
    /// for each role they carry: a grant made after the token was issued takes effect within the token check's cache
    /// time (the field authorization reads role claims), without signing in again.
    /// </summary>
    public static ClaimsPrincipal With(ClaimsPrincipal user, IEnumerable<Grant> grants)
    {
        var held = grants.ToList();
        var identities = user.Identities.Where(i => i.AuthenticationType != IdentityType).ToList();
        identities.Add(new ClaimsIdentity(
            held.Select(ToClaim).Concat(held.Select(g => g.Role).Distinct().Select(r => new Claim(Claims.Role, r))), IdentityType));
        return new ClaimsPrincipal(identities);
    }

    /// <summary>The roles the token itself claims (not those the server added from grants): what the token check verifies.</summary>
    public static IReadOnlyList<string> TokenRolesOf(ClaimsPrincipal user) =>
        user.Identities.Where(i => i.AuthenticationType != IdentityType).SelectMany(i => i.FindAll(Claims.Role)).Select(c => c.Value).Distinct().ToList();

    /// <summary>The grants the token check added to the principal (none when it added none).</summary>
    public static IReadOnlyList<Grant> Of(ClaimsPrincipal? user) =>
        user?.Identities.Where(i => i.AuthenticationType == IdentityType).SelectMany(i => i.Claims)
            .Where(c => c.Type == ClaimType).Select(FromClaim).OfType<Grant>().ToList() ?? [];
}
