using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// The callers of the campaign rules' decider tests, with the grants the token check would add to their requests
/// (<see cref="Caller.Grants"/>): a campaign's organisers, branch organisers, admins. An expired or revoked grant is
/// simply absent (the token check leaves it out: see Host's CampaignOrganiserExpiryTests).
/// </summary>
internal static class Runners
{
    public static Grant OnCampaign(Guid campaignId) => new(Guid.NewGuid(), Roles.CampaignOrganiser, GrantScopeKind.Campaign, campaignId, null);

    public static Grant OnBranch(Guid branchId) => new(Guid.NewGuid(), Roles.Organiser, GrantScopeKind.Branch, branchId, null);

    public static Grant OrganisationWide(string role) => new(Guid.NewGuid(), role, GrantScopeKind.Organisation, null, null);

    /// <summary>A member holding CAMPAIGN_ORGANISER on <paramref name="campaigns"/> (and ORGANISER in their token, as a launcher does, but on no branch).</summary>
    public static Caller OrganiserOf(params Guid[] campaigns) =>
        new(Guid.NewGuid(), Guid.NewGuid(), [Roles.Member, Roles.Organiser]) { Grants = [.. campaigns.Select(OnCampaign)] };

    /// <summary>A member holding ORGANISER on <paramref name="branches"/> and on no campaign.</summary>
    public static Caller BranchOrganiser(params Guid[] branches) =>
        new(Guid.NewGuid(), Guid.NewGuid(), [Roles.Member, Roles.Organiser]) { Grants = [.. branches.Select(OnBranch)] };

    /// <summary>A member holding ORGANISER on the whole organisation.</summary>
    public static Caller OrganiserEverywhere() =>
        new(Guid.NewGuid(), Guid.NewGuid(), [Roles.Member, Roles.Organiser]) { Grants = [OrganisationWide(Roles.Organiser)] };

    /// <summary>An admin's account (no member record).</summary>
    public static Caller Admin() => new(Guid.NewGuid(), null, [Roles.Admin]);

    /// <summary>The caller with one grant more.</summary>
    public static Caller And(this Caller caller, Grant grant) => caller with { Grants = [.. caller.Grants, grant] };
}
