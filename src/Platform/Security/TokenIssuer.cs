using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace WorkersPower.Platform.Security;

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues the platform's JWT access tokens (HS256, issuer, audience, expiry, account and member ids, roles and
/// the account's token version). No personal data (email, names) goes into a token: tokens end up in logs,
/// browser storage and proxies. Token times are always the machine's real time: the bearer handler validates them against it.
/// </summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options)
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(Guid accountId, Guid? memberId, IEnumerable<string> roles, int tokenVersion = 0)
    {
        var o = options.Value;
        var now = DateTimeOffset.UtcNow;
        var expires = now + o.TokenLifetime;
        var claims = new List<Claim> { new(Claims.Subject, accountId.ToString()) };
        if (tokenVersion != 0) claims.Add(new Claim(Claims.TokenVersion, tokenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        if (memberId is { } m) claims.Add(new Claim(Claims.MemberId, m.ToString()));
        claims.AddRange(roles.Distinct().Select(r => new Claim(Claims.Role, r)));
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(o.Key(), SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }
}
