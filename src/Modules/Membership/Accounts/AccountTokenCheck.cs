using System.Security.Claims;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Refuses tokens whose account is gone, whose roles were revoked since the token was issued, that were
/// revoked (issued under a lower token version: a sign-out or a password change since), or whose
/// member is suspended, resigned or erased. Answers are kept for a few seconds per account and role set,
/// so a busy client costs one lookup per few seconds, and a change takes effect within that time.
/// </summary>
public sealed class AccountTokenCheck(IMembershipStore store, TimeProvider clock) : ITokenSubjectCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, TokenSubject Answer)> answers = new(StringComparer.Ordinal);

    public async Task<TokenSubject> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.AccountId() is not { } accountId) return TokenSubject.Refused("The token names no account.");
        var roles = user.FindAll(Claims.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        var version = user.TokenVersion();
        var key = $"{accountId:N}|{version}|{string.Join(',', roles)}";
        var now = clock.GetUtcNow();
        if (answers.TryGetValue(key, out var cached) && cached.Until > now) return cached.Answer;

        var (answer, changesAt) = await DecideAsync(accountId, version, roles, now, cancellationToken);
        if (answers.Count > 100_000) answers.Clear();
        // kept no longer than the soonest end of a grant in it: an ending grant is gone from the next request on
        var until = now + CacheFor;
        answers[key] = (changesAt is { } end && end < until ? end : until, answer);
        return answer;
    }

    /// <summary>
    /// Drops this node's cached answers for the account, so its own sign-out, password change or grant takes effect
    /// here at once (other nodes: within <see cref="CacheFor"/>).
    /// </summary>
    public void Forget(Guid accountId)
    {
        var prefix = $"{accountId:N}|";
        foreach (var key in answers.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) answers.TryRemove(key, out _);
    }

    /// <summary>
    /// The account, its member's standing and the member's grants in one round trip (a request of a member not seen in
    /// the last few seconds pays it), reading only what the decision needs: not the password hash, not the member's
    /// profile. Also says when the answer next changes by itself (the soonest end of an active grant).
    /// </summary>
    private async Task<(TokenSubject Answer, DateTimeOffset? ChangesAt)> DecideAsync(
        Guid accountId, int version, IReadOnlyList<string> roles, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var rows = await session.AdvancedSql.QueryAsync<Subject>(
            $"""
            select json_build_object('TokenVersion', a.data -> 'TokenVersion', 'Roles', a.data -> 'Roles',
              'Erased', p.data -> 'Erased', 'Status', p.data -> 'Status',
              'Grants', (select coalesce(json_agg(g.data), '[]'::json) from {MembershipModule.Schema}.mt_doc_rolegrant g
                         where g.member_id = p.id))
            from {MembershipModule.Schema}.mt_doc_account a
            left join {MembershipModule.Schema}.mt_doc_memberprofile p on p.id = CAST(a.data ->> 'MemberId' as uuid)
            where a.id = ?
            """, ct, accountId);
        if (rows is not [var account]) return (TokenSubject.Refused("The account no longer exists."), null);
        if (version < account.TokenVersion) return (TokenSubject.Refused("This token was revoked (signed out or password changed): sign in again."), null);
        if (roles.Any(r => !account.Roles.Contains(r))) return (TokenSubject.Refused("Your roles have changed: sign in again."), null);
        if (account.Status is { } status && StandingRefusal(account.Erased ?? false, status) is { } refusal) return (TokenSubject.Refused(refusal), null);
        var grants = new Grants.GrantSet(account.Grants ?? [], now);
        return (new TokenSubject(null, grants.Active.Select(g => g.ToPlatformGrant()).ToList()), grants.EndsAt);
    }

    /// <summary>What the check reads of an account; Erased and Status are null when it has no member (an admin's).</summary>
    private sealed record Subject(int TokenVersion, List<string> Roles, bool? Erased, MembershipStatus? Status, List<Grants.RoleGrant>? Grants);

    /// <summary>Why a member may not act (sign in or use a token), or null when they may.</summary>
    internal static string? StandingRefusal(MemberProfile member) => StandingRefusal(member.Erased, member.Status);

    private static string? StandingRefusal(bool erased, MembershipStatus status) => (erased, status) switch
    {
        (true, _) => "This member's data was erased.",
        (_, MembershipStatus.Suspended) => "This membership is suspended: contact your branch.",
        (_, MembershipStatus.Resigned) => "You have resigned: apply again to rejoin.",
        _ => null,
    };
}
