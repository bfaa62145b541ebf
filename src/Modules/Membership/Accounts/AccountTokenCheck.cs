using System.Security.Claims;

namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Refuses tokens whose account is gone, whose roles were revoked since the token was issued, that were
/// revoked (issued under a lower token version: a sign-out or a password change since), or whose
/// member is suspended, resigned or erased. Answers are kept for a few seconds per account and role set,
/// so a busy client costs one lookup per few seconds, and a change takes effect within that time.
/// </summary>
internal sealed class AccountTokenCheck(IMembershipStore store) : ITokenSubjectCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string? Refusal)> answers = new(StringComparer.Ordinal);

    public async Task<string?> RefusalAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.AccountId() is not { } accountId) return "The token names no account.";
        var roles = user.FindAll(Claims.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        var version = user.TokenVersion();
        var key = $"{accountId:N}|{version}|{string.Join(',', roles)}";
        var now = DateTimeOffset.UtcNow;
        if (answers.TryGetValue(key, out var cached) && cached.Until > now) return cached.Refusal;

        var refusal = await DecideAsync(accountId, version, roles, cancellationToken);
        if (answers.Count > 100_000) answers.Clear();
        answers[key] = (now + CacheFor, refusal);
        return refusal;
    }

    /// <summary>
    /// Drops this node's cached answers for the account, so its own sign-out or password change takes effect
    /// here at once (other nodes: within <see cref="CacheFor"/>).
    /// </summary>
    public void Forget(Guid accountId)
    {
        var prefix = $"{accountId:N}|";
        foreach (var key in answers.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) answers.TryRemove(key, out _);
    }

    private async Task<string?> DecideAsync(Guid accountId, int version, IReadOnlyList<string> roles, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var account = await session.LoadAsync<Account>(accountId, ct);
        if (account is null) return "The account no longer exists.";
        if (version < account.TokenVersion) return "This token was revoked (signed out or password changed): sign in again.";
        if (roles.Any(r => !account.Roles.Contains(r))) return "Your roles have changed: sign in again.";
        if (account.MemberId is { } memberId && await session.LoadAsync<MemberProfile>(memberId, ct) is { } member)
            return StandingRefusal(member);
        return null;
    }

    /// <summary>Why a member may not act (sign in or use a token), or null when they may.</summary>
    internal static string? StandingRefusal(MemberProfile member) => member switch
    {
        { Erased: true } => "This member's data was erased.",
        { Status: MembershipStatus.Suspended } => "This membership is suspended: contact your branch.",
        { Status: MembershipStatus.Resigned } => "You have resigned: apply again to rejoin.",
        _ => null,
    };
}
