namespace WorkersPower.Platform.Security;

/// <summary>
/// Checks, on every request, that the subject of a valid token may still act: the account exists, it
/// still holds the token's roles, its member is not suspended, resigned or erased. A module that owns
/// accounts registers one; a refusal makes the request unauthenticated (401, WebSocket 4403).
/// </summary>
public interface ITokenSubjectCheck
{
    /// <summary>Why the token may no longer be used, or null when it may.</summary>
    Task<string?> RefusalAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
