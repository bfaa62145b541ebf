namespace WorkersPower.Membership.Accounts;

/// <summary>
/// Credentials and roles of someone who can sign in. A member's account has the member's id; an
/// operator account made from the Bootstrap settings has no member record. Passwords are kept only
/// as ASP.NET Core Identity hashes, invitation tokens only as SHA-256 hashes.
/// </summary>
public sealed class Account
{
    public Guid Id { get; set; }
    public Guid? MemberId { get; set; }

    /// <summary>The normalised (lower-case) email; unique.</summary>
    public string Email { get; set; } = "";

    public string? PasswordHash { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? InvitationTokenHash { get; set; }
    public DateTimeOffset? InvitationExpiresAt { get; set; }

    /// <summary>The SHA-256 hash of the password reset token last mailed (a new request replaces it; using it clears it).</summary>
    public string? PasswordResetTokenHash { get; set; }

    public DateTimeOffset? PasswordResetExpiresAt { get; set; }

    /// <summary>The SHA-256 hash of the token that confirms <see cref="EmailChangeAddress"/> (mailed to that address).</summary>
    public string? EmailChangeTokenHash { get; set; }

    /// <summary>The new address the email change token confirms: the member's pending email when the link was mailed.</summary>
    public string? EmailChangeAddress { get; set; }

    public DateTimeOffset? EmailChangeExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>
    /// Raised by signing out and by a password change: tokens issued under a lower version are refused
    /// (<see cref="AccountTokenCheck"/>). A counter rather than a time compared with the token's "iat", which
    /// has whole seconds only: a token issued in the same second as a sign-out would survive it, and the fresh
    /// token a password change returns would not.
    /// </summary>
    public int TokenVersion { get; set; }

    /// <summary>When the account's tokens were last revoked (sign-out or password change).</summary>
    public DateTimeOffset? TokensRevokedAt { get; set; }

    public bool CanSignIn => PasswordHash is not null;

    /// <summary>Someone can sign in with this account or was invited to (a password reset may reach them).</summary>
    public bool CanSignInOrWasInvited => CanSignIn || InvitationExpiresAt is not null;

    /// <summary>Forgets any email change waiting for confirmation (withdrawn, confirmed, or superseded).</summary>
    public void ClearEmailChange()
    {
        EmailChangeTokenHash = null;
        EmailChangeAddress = null;
        EmailChangeExpiresAt = null;
    }
}

/// <summary>
/// Single-use tokens mailed to a person (invitations, password resets, email confirmations): random, URL-safe,
/// stored only as a hash.
/// </summary>
public static class InvitationTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A token worth looking up: not blank, at most 200 characters.</summary>
    public static bool IsWellFormed(string? token) => !string.IsNullOrWhiteSpace(token) && token.Length <= 200;

    public static string Create() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
