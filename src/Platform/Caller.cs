namespace WorkersPower.Platform;

/// <summary>
/// Who acts, read from the caller's token alone (no database): the account, the member record if any, and the
/// roles. Modules whose rules need more (Membership's branch scope) build their own actor from it.
/// </summary>
public sealed record Caller(Guid AccountId, Guid? MemberId, IReadOnlyList<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role);

    public bool IsAdmin => Has(Security.Roles.Admin);

    /// <summary>Holds the ORGANISER or the ADMIN role.</summary>
    public bool Organises => IsAdmin || Has(Security.Roles.Organiser);

    /// <summary>Holds the EDITOR or the ADMIN role.</summary>
    public bool Edits => IsAdmin || Has(Security.Roles.Editor);

    /// <summary>The caller of a request; null when it carries no valid account token.</summary>
    public static Caller? From(ClaimsPrincipal? user) =>
        user.AccountId() is { } account ? new Caller(account, user.MemberId(), user.RolesOf()) : null;
}
