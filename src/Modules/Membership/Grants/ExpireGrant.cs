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

public static class ExpireGrantHandler
{
    /// <summary>
    /// Records the end in the grant's stream (its scheduled message, durable: it survives a restart) and drops this
    /// node's cached token answers for the member's account; other nodes see the end at once anyway, as their cached
    /// answers are kept no longer than the soonest end of a grant in them.
    /// </summary>
    public static async Task Handle(ExpireGrant message, IDocumentSession session, TimeProvider clock, AccountTokenCheck tokens, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<RoleGrant>(message.GrantId, grant => message.Decide(grant, clock.GetUtcNow()), ct);
        if (decision.Events.Count == 0) return;
        var accountId = await session.Query<Account>().Where(a => a.MemberId == stream.Aggregate!.MemberId).Select(a => a.Id).FirstOrDefaultAsync(ct);
        tokens.ForgetAfterCommit(session, accountId);
    }
}
