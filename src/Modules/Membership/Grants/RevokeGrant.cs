namespace WorkersPower.Membership.Grants;

/// <summary>Revoking a grant (the rules of the coming revokeGrant): an admin ends a grant before its time, saying why.</summary>
public sealed record RevokeGrant(Guid GrantId, string? Reason, Actor Actor)
{
    /// <summary>
    /// The rules: admins only; a grant that exists and has not ended (revoked, expired or past its end date);
    /// a reason (up to 1000 characters); never one's own
    /// organisation-wide ADMIN grant (another admin must, so there is always one).
    /// </summary>
    public Decision Decide(RoleGrant? grant, DateTimeOffset now)
    {
        if (!Actor.IsAdmin) return Decision.Deny("Only admins revoke grants.");
        if (grant is null) return Decision.Refuse(UserError.NotFound("There is no such grant.", "input", "grantId"));
        if (MemberRules.Reason(Reason, required: true) is { } bad) return Decision.Refuse(bad);
        if (grant.EndedBy(now)) return Decision.Refuse(UserError.InvalidState("The grant has ended already."));
        if (grant.Role == Roles.Admin && grant.Scope.IsOrganisation && Actor.MemberId == grant.MemberId)
            return Decision.Refuse(UserError.InvalidState("You cannot revoke your own ADMIN grant: ask another admin."));
        return Decision.Accept(new GrantRevoked(grant.Id, Actor.AccountId, Reason!.Trim(), now));
    }
}
