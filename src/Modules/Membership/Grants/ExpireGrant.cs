namespace WorkersPower.Membership.Grants;

/// <summary>
/// Expiring a grant: the message scheduled at a grant's end date records that it ended, without anyone acting.
/// Tokens do not wait for it (a grant past its end date is inactive anyway); it puts the end in the grant's history.
/// </summary>
public sealed record ExpireGrant(Guid GrantId)
{
    /// <summary>
    /// The rules: only a grant whose end date has passed and that has not ended otherwise (revoked, or expired
    /// already); anything else records nothing, so the message may arrive twice, early or for a revoked grant.
    /// </summary>
    public Decision Decide(RoleGrant? grant, DateTimeOffset now)
    {
        if (grant is not { Until: { } until } || until > now) return Decision.Unchanged;
        if (grant.RevokedAt is not null || grant.ExpiredAt is not null) return Decision.Unchanged;
        return Decision.Accept(new GrantExpired(grant.Id, now));
    }
}
