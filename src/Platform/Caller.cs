using WorkersPower.Platform.Security;

namespace WorkersPower.Platform;

/// <summary>
/// Who acts: the account, the member record if any and the roles, read from the caller's token; and the grants
/// the caller holds now (each role with its scope and end), which the token check read and added to the request
/// (<see cref="Security.GrantClaims"/>). Modules decide scope from the grants, never from the roles alone.
/// </summary>
public sealed record Caller(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles)
{
    /// <summary>The grants held now (empty for a caller made without them: a platform job, a test).</summary>
    public IReadOnlyList<Grant> Grants { get; init; } = [];

    public bool Has(string role) => Roles.Contains(role);

    public bool IsAdmin => Has(Security.Roles.Admin);

    /// <summary>Holds the ORGANISER or the ADMIN role (on some scope: ask <see cref="OrganisesBranch"/> for which).</summary>
    public bool Organises => IsAdmin || Has(Security.Roles.Organiser);

    /// <summary>Holds the EDITOR or the ADMIN role.</summary>
    public bool Edits => IsAdmin || Has(Security.Roles.Editor);

    /// <summary>An admin, or an ORGANISER grant on the branch or on the whole organisation.</summary>
    public bool OrganisesBranch(Guid branchId) => IsAdmin || Grants.Any(g => g.CoversBranch(Security.Roles.Organiser, branchId));

    /// <summary>An admin, or an organisation-wide ORGANISER grant: organises every branch.</summary>
    public bool OrganisesEveryBranch => IsAdmin || Grants.Any(g => g.Role == Security.Roles.Organiser && g.Kind == GrantScopeKind.Organisation);

    /// <summary>The branches an ORGANISER grant names (empty for admins and organisation-wide organisers: see <see cref="OrganisesEveryBranch"/>).</summary>
    public IReadOnlyList<Guid> OrganisedBranches =>
        Grants.Where(g => g.Role == Security.Roles.Organiser && g.Kind == GrantScopeKind.Branch && g.ScopeId is not null)
            .Select(g => g.ScopeId!.Value).Distinct().ToList();

    /// <summary>An admin, or a CAMPAIGN_ORGANISER grant on the campaign.</summary>
    public bool OrganisesCampaign(Guid campaignId) => IsAdmin || Grants.Any(g => g.CoversCampaign(Security.Roles.CampaignOrganiser, campaignId));

    /// <summary>An admin, or a TREASURER grant on the branch or on the whole organisation.</summary>
    public bool TreasuresBranch(Guid branchId) => IsAdmin || Grants.Any(g => g.CoversBranch(Security.Roles.Treasurer, branchId));

    /// <summary>An admin, or an organisation-wide TREASURER grant.</summary>
    public bool TreasuresEveryBranch => IsAdmin || Grants.Any(g => g.Role == Security.Roles.Treasurer && g.Kind == GrantScopeKind.Organisation);

    /// <summary>The caller of a request; null when it carries no valid account token.</summary>
    public static Caller? From(ClaimsPrincipal? user) =>
        user.AccountId() is { } account
            ? new Caller(account, user.MemberId(), user.RolesOf()) { Grants = GrantClaims.Of(user) }
            : null;
}
