namespace WorkersPower.Platform.Security;

/// <summary>
/// Checks, on every request, that the subject of a valid token may still act: the account exists, it
/// still holds the token's roles, its member is not suspended, resigned or erased; and reads the subject's
/// active grants. A module that owns accounts registers one; a refusal makes the request unauthenticated
/// (401, WebSocket 4403); the grants are added to the request's principal (<see cref="GrantClaims"/>).
/// </summary>
public interface ITokenSubjectCheck
{
    /// <summary>Why the token may no longer be used (null when it may), and the subject's active grants.</summary>
    Task<TokenSubject> CheckAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}

/// <summary>The answer of a <see cref="ITokenSubjectCheck"/>: a refusal, or the grants the subject holds now.</summary>
public sealed record TokenSubject(string? Refusal, IReadOnlyList<Grant> Grants)
{
    public static TokenSubject Refused(string refusal) => new(refusal, []);

    /// <summary>Asks every registered <see cref="ITokenSubjectCheck"/> in turn: the first refusal, else the grants they all read.</summary>
    public static async Task<TokenSubject> CheckAllAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var grants = new List<Grant>();
        foreach (var check in services.GetServices<ITokenSubjectCheck>())
        {
            var subject = await check.CheckAsync(user, cancellationToken).ConfigureAwait(false);
            if (subject.Refusal is not null) return subject;
            grants.AddRange(subject.Grants);
        }
        return new TokenSubject(null, grants);
    }
}
