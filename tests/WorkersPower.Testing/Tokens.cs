using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WorkersPower.Testing;

/// <summary>Makes JWTs directly, good or deliberately bad, for authentication tests.</summary>
public static class Tokens
{
    public static string Make(
        IEnumerable<Claim> claims,
        string key = PlatformFixture.SigningKey,
        string issuer = PlatformFixture.Issuer,
        string audience = PlatformFixture.Audience,
        DateTime? expires = null,
        DateTime? notBefore = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>An unsigned token ("alg": "none") with the given claims.</summary>
    public static string Unsigned(IEnumerable<Claim> claims)
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var payload = System.Text.Json.JsonSerializer.Serialize(
            claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Count() == 1 ? (object)g.First().Value : g.Select(c => c.Value).ToArray())
                .Append(new KeyValuePair<string, object>("iss", PlatformFixture.Issuer))
                .Append(new KeyValuePair<string, object>("aud", PlatformFixture.Audience))
                .Append(new KeyValuePair<string, object>("exp", DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()))
                .ToDictionary());
        return $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64(payload)}.";
    }
}
