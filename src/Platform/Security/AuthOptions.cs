using System.ComponentModel.DataAnnotations;

namespace WorkersPower.Platform.Security;

/// <summary>The "Auth" configuration section: how tokens are signed and checked.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The HS256 signing key, at least 32 bytes of UTF-8. Shared by every node.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "workers-power";

    public string Audience { get; set; } = "workers-power-api";

    /// <summary>How long an access token lives.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(),
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = Claims.Subject,
        RoleClaimType = Claims.Role,
    };
}
