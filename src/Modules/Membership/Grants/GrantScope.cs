namespace WorkersPower.Membership.Grants;

/// <summary>The scope of a grant: its kind and, for a branch or a campaign, that branch's or campaign's id.</summary>
public sealed record GrantScope(GrantScopeKind Kind, Guid? Id = null)
{
    public static GrantScope Organisation { get; } = new(GrantScopeKind.Organisation);

    public static GrantScope OfBranch(Guid branchId) => new(GrantScopeKind.Branch, branchId);

    public static GrantScope OfCampaign(Guid campaignId) => new(GrantScopeKind.Campaign, campaignId);

    /// <summary>The scope an input names: a branch, a campaign, or (neither) the whole organisation; null when it names both.</summary>
    public static GrantScope? Of(Guid? branchId, Guid? campaignId) => (branchId, campaignId) switch
    {
        (null, null) => Organisation,
        ({ } b, null) => OfBranch(b),
        (null, { } c) => OfCampaign(c),
        _ => null,
    };

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOrganisation => Kind == GrantScopeKind.Organisation;

    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? BranchId => Kind == GrantScopeKind.Branch ? Id : null;

    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? CampaignId => Kind == GrantScopeKind.Campaign ? Id : null;

    public override string ToString() => Kind == GrantScopeKind.Organisation ? "the whole organisation" : $"{Kind.ToString().ToLowerInvariant()} {Id}";
}

/// <summary>The roles a grant can carry, and which scope each takes.</summary>
public static class GrantRoles
{
    /// <summary>Manages one campaign's actions and sees its participants' names.</summary>
    public const string CampaignOrganiser = Roles.CampaignOrganiser;

    /// <summary>
    /// Every role a grant can carry, in the order tokens and lists show them. MEMBER is not granted: every member
    /// in good standing holds it by being one (suspension, resignation and erasure end it).
    /// </summary>
    public static IReadOnlyList<string> All { get; } = [Roles.Organiser, CampaignOrganiser, Roles.Treasurer, Roles.Editor, Roles.Admin];

    /// <summary>
    /// Whether <paramref name="role"/> may be granted on a scope of <paramref name="kind"/>: ORGANISER and TREASURER
    /// organisation-wide or on a branch; CAMPAIGN_ORGANISER on a campaign only; EDITOR and ADMIN organisation-wide only; MEMBER never.
    /// </summary>
    public static bool Takes(string role, GrantScopeKind kind) => role switch
    {
        Roles.Organiser or Roles.Treasurer => kind is GrantScopeKind.Organisation or GrantScopeKind.Branch,
        CampaignOrganiser => kind == GrantScopeKind.Campaign,
        Roles.Editor or Roles.Admin => kind == GrantScopeKind.Organisation,
        _ => false,
    };

    /// <summary>The scopes <paramref name="role"/> takes, in words (for user errors).</summary>
    public static string ScopesOf(string role) => role switch
    {
        Roles.Organiser or Roles.Treasurer => "the whole organisation or a branch",
        CampaignOrganiser => "a campaign",
        _ => "the whole organisation",
    };
}
