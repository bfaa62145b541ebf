using System.Security.Claims;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Refuses tokens whose account is gone, that claim a role the account no longer holds (a member's roles are MEMBER
/// and the roles of their active grants: a revoked or ended grant refuses the token; an account without a member
/// record holds its <see cref="Account.Roles"/>), that were
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
        var roles = GrantClaims.TokenRolesOf(user).Order(StringComparer.Ordinal).ToList();
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
        if (accountId == Guid.Empty) return;
        var prefix = $"{accountId:N}|";
        foreach (var key in answers.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) answers.TryRemove(key, out _);
    }

    /// <summary>
    /// Forgets the account's cached answers once <paramref name="session"/> commits (a grant, a revocation or an expiry
    /// recorded in it), so this node's next request of the account sees the change; nothing when it rolls back.
    /// </summary>
    public void ForgetAfterCommit(IDocumentSession session, Guid accountId)
    {
        if (accountId != Guid.Empty) session.Listeners.Add(new ForgetOnCommit(this, accountId));
    }

    private sealed class ForgetOnCommit(AccountTokenCheck check, Guid accountId) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
        {
            check.Forget(accountId);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// The roles a token issued now carries: MEMBER and the distinct roles of the member's active grants for a
    /// member's account (its <see cref="Account.Roles"/> are no longer read: the grants replaced them); the account's
    /// roles for an account without a member record (the bootstrap admin).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RolesForTokenAsync(IQuerySession session, Account account, DateTimeOffset now, CancellationToken ct)
    {
        if (account.MemberId is not { } memberId) return account.Roles;
        var grants = await session.Query<Grants.RoleGrant>().Where(g => g.MemberId == memberId).ToListAsync(ct);
        return HeldRoles(true, account.Roles, new Grants.GrantSet(grants, now));
    }

    private static IReadOnlyList<string> HeldRoles(bool isMember, IReadOnlyList<string> accountRoles, Grants.GrantSet grants) =>
        isMember ? [Roles.Member, .. grants.Roles] : accountRoles;

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
        var grants = new Grants.GrantSet(account.Grants ?? [], now);
        // a member holds MEMBER and the roles of their active grants; an account without a member record its own roles
        var held = HeldRoles(account.Status is not null, account.Roles, grants);
        if (roles.Any(r => !held.Contains(r))) return (TokenSubject.Refused("Your roles have changed: sign in again."), null);
        if (account.Status is { } status && StandingRefusal(account.Erased ?? false, status) is { } refusal) return (TokenSubject.Refused(refusal), null);
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
