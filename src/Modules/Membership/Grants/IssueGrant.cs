namespace WorkersPower.Membership.Grants;

/// <summary>
/// Issuing a grant (the rules of the coming grantRole with a scope and an end): an admin grants a member's
/// account a role on the whole organisation, a branch or a campaign, from now until an instant or without end.
/// </summary>
public sealed record IssueGrant(
    Guid GrantId, Guid MemberId, string Role, Guid? BranchId, Guid? CampaignId, DateTimeOffset? Until, string? Reason, Actor Actor)
{
    public const int ReasonLength = 1000;

    /// <summary>
    /// The rules: admins only; a member who exists, is not erased and has an account; a role that takes the scope
    /// named (and a scope that exists); an end after now; a reason of at most 1000 characters, optional; no active
    /// grant of the same role on the same scope already.
    /// </summary>
    /// <param name="member">The member, null when there is none.</param>
    /// <param name="hasAccount">Whether the member has an account (grants reach people through their tokens).</param>
    /// <param name="scopeExists">Whether the branch or campaign named exists (true for the whole organisation).</param>
    /// <param name="grants">The member's grants (active or not).</param>
    public Decision Decide(MemberProfile? member, bool hasAccount, bool scopeExists, IEnumerable<RoleGrant> grants, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return Decision.Deny("Only admins grant roles.");
        if (member is not { Erased: false }) return MemberRules.NotFound;
        if (!hasAccount) return Decision.Refuse(UserError.NotFound("The member has no account.", "input", "memberId"));
        var errors = new List<UserError>();
        var scope = GrantScope.Of(BranchId, CampaignId);
        if (Role == Roles.Member) errors.Add(UserError.Validation("input.role", "Every member holds MEMBER by being a member: it is not granted."));
        else if (!GrantRoles.All.Contains(Role)) errors.Add(UserError.Validation("input.role", $"There is no role {Role}."));
        else if (scope is null) errors.Add(UserError.Validation("input.campaignId", "Name a branch or a campaign, not both."));
        else if (!GrantRoles.Takes(Role, scope.Kind))
            errors.Add(UserError.Validation(ScopeField(scope), $"{Role} is granted on {GrantRoles.ScopesOf(Role)}."));
        if (Until is { } until && until <= now) errors.Add(UserError.Validation("input.until", "The end must be in the future."));
        if (MemberRules.Reason(Reason, required: false) is { } bad) errors.Add(bad);
        if (errors.Count > 0) return Decision.Refuse(errors);
        if (!scopeExists)
            return Decision.Refuse(scope!.Kind == GrantScopeKind.Branch
                ? UserError.NotFound("There is no such branch.", "input", "branchId")
                : UserError.NotFound("There is no such campaign.", "input", "campaignId"));
        if (grants.Any(g => g.MemberId == member.Id && g.Grants(Role, scope!) && g.ActiveAt(now)))
            return Decision.Refuse(UserError.InvalidState($"The member holds {Role} on {scope} already."));
        return Decision.Accept(new RoleGranted(GrantId, member.Id, Role, scope!, now, Until, Actor.AccountId, TextRules.Clean(Reason), now));
    }

    /// <summary>The input field at fault when the role does not take the scope: the one given, or the one missing.</summary>
    private string ScopeField(GrantScope scope) => scope.Kind switch
    {
        GrantScopeKind.Branch => "input.branchId",
        GrantScopeKind.Campaign => "input.campaignId",
        _ => Role == GrantRoles.CampaignOrganiser ? "input.campaignId" : "input.branchId",
    };
}
