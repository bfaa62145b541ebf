using R = WorkersPower.Platform.Security.Roles;

namespace WorkersPower.Membership.Grants;

/// <summary>
/// The grants of one member, asked about one instant: which roles they hold, where they organise and treasure,
/// and when the answer next changes. Pure: the caller loads the grants and says when.
/// </summary>
public sealed class GrantSet
{
    private readonly IReadOnlyList<RoleGrant> active;

    /// <param name="grants">The member's grants, active or not.</param>
    /// <param name="at">The instant the questions are about.</param>
    public GrantSet(IEnumerable<RoleGrant> grants, DateTimeOffset at)
    {
        At = at;
        active = grants.Where(g => g.ActiveAt(at)).ToList();
    }

    public DateTimeOffset At { get; }

    /// <summary>The grants that hold at <see cref="At"/>.</summary>
    public IReadOnlyList<RoleGrant> Active => active;

    /// <summary>Holds <paramref name="role"/> on any scope.</summary>
    public bool Holds(string role) => active.Any(g => g.Role == role);

    public bool IsAdmin => Holds(R.Admin);

    /// <summary>Organises the branch: an ORGANISER grant on it or on the whole organisation, or ADMIN.</summary>
    public bool Organises(Guid branchId) => IsAdmin || HoldsOn(R.Organiser, branchId);

    /// <summary>
    /// Organises the campaign: a CAMPAIGN_ORGANISER grant on it, or ADMIN, or (when the campaign belongs to a
    /// branch) organising that branch.
    /// </summary>
    public bool OrganisesCampaign(Guid campaignId, Guid? campaignBranchId = null) =>
        IsAdmin || active.Any(g => g.Role == GrantRoles.CampaignOrganiser && g.Scope.CampaignId == campaignId)
        || (campaignBranchId is { } branch && Organises(branch));

    /// <summary>Treasures the branch: a TREASURER grant on it or on the whole organisation, or ADMIN.</summary>
    public bool Treasures(Guid branchId) => IsAdmin || HoldsOn(R.Treasurer, branchId);

    /// <summary>The distinct roles held, in <see cref="GrantRoles.All"/>'s order: what a token's role claims carry.</summary>
    public IReadOnlyList<string> Roles => GrantRoles.All.Where(Holds).ToList();

    /// <summary>The soonest end among the active grants (null: none ends): when a token issued now must be checked again.</summary>
    public DateTimeOffset? EndsAt => active.Select(g => g.Until).Where(u => u is not null).Min();

    private bool HoldsOn(string role, Guid branchId) =>
        active.Any(g => g.Role == role && (g.Scope.IsOrganisation || g.Scope.BranchId == branchId));
}
