namespace WorkersPower.Platform.Security;

/// <summary>The roles an account can hold. Their names are the GraphQL enum values and the JWT "role" claims.</summary>
public enum Role
{
    MEMBER,
    ORGANISER,
    CAMPAIGN_ORGANISER,
    TREASURER,
    EDITOR,
    ADMIN,
}

public static class Roles
{
    public const string Member = nameof(Role.MEMBER);
    public const string Organiser = nameof(Role.ORGANISER);
    /// <summary>Runs one campaign (granted on that campaign): its actions, check-in, its participants' names.</summary>
    public const string CampaignOrganiser = nameof(Role.CAMPAIGN_ORGANISER);
    public const string Treasurer = nameof(Role.TREASURER);
    public const string Editor = nameof(Role.EDITOR);
    public const string Admin = nameof(Role.ADMIN);
}

/// <summary>Claim names in the tokens this platform issues.</summary>
public static class Claims
{
    public const string Subject = "sub";
    public const string Role = "role";
    /// <summary>Only in tokens issued before personal data left the token; nothing reads it any more.</summary>
    public const string Email = "email";
    public const string MemberId = "member_id";

    /// <summary>The account's token version when the token was issued: signing out and changing the password raise it.</summary>
    public const string TokenVersion = "tv";
}

public static class ClaimsPrincipalExtensions
{
    public static bool IsAuthenticated(this ClaimsPrincipal? user) => user?.Identity?.IsAuthenticated == true;

    /// <summary>The account id (the token's subject), or null when anonymous.</summary>
    public static Guid? AccountId(this ClaimsPrincipal? user) =>
        user.IsAuthenticated() && Guid.TryParse(user!.FindFirstValue(Claims.Subject), out var id) ? id : null;

    /// <summary>The member id the account belongs to, when it belongs to a member.</summary>
    public static Guid? MemberId(this ClaimsPrincipal? user) =>
        user.IsAuthenticated() && Guid.TryParse(user!.FindFirstValue(Claims.MemberId), out var id) ? id : null;

    /// <summary>The token version the token was issued under (0 for tokens without one: those issued before versions).</summary>
    public static int TokenVersion(this ClaimsPrincipal? user) =>
        user.IsAuthenticated() && int.TryParse(user!.FindFirstValue(Claims.TokenVersion), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;

    public static bool HasRole(this ClaimsPrincipal? user, string role) =>
        user.IsAuthenticated() && user!.FindAll(Claims.Role).Any(c => c.Value == role);

    public static bool HasAnyRole(this ClaimsPrincipal? user, params string[] roles) => roles.Any(user.HasRole);

    /// <summary>The roles the token carries (none when anonymous).</summary>
    public static IReadOnlyList<string> RolesOf(this ClaimsPrincipal? user) =>
        user.IsAuthenticated() ? user!.FindAll(Claims.Role).Select(c => c.Value).Distinct().ToList() : [];
}
