using WorkersPower.Platform;
using System.Security.Claims;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns;

/// <summary>Who acts, from the caller's token.</summary>
/// <param name="Organises">Holds the ORGANISER or the ADMIN role.</param>
/// <param name="IsAdmin">Holds the ADMIN role.</param>
public sealed record CampaignActor(Guid AccountId, Guid? MemberId, bool Organises, bool IsAdmin = false)
{
    public static CampaignActor? From(ClaimsPrincipal? user) =>
        user.AccountId() is { } account
            ? new CampaignActor(account, user.MemberId(), user.HasAnyRole(Roles.Organiser, Roles.Admin), user.HasAnyRole(Roles.Admin))
            : null;
}

/// <summary>The outcome of a command: the id of what changed, or why not.</summary>
public sealed record CampaignsResult(Guid? Id, IReadOnlyList<UserError> Errors)
{
    /// <summary>Set when the caller may not do this at all: the resolver answers with a FORBIDDEN GraphQL error.</summary>
    public string? Forbidden { get; init; }

    public static CampaignsResult Deny(string message) => new(null, []) { Forbidden = message };

    public static CampaignsResult Ok(Guid id) => new(id, []);
    public static CampaignsResult Refused(params UserError[] errors) => new(null, errors);
}

/// <summary>Told when a campaign's progress changed (after the change committed).</summary>
public sealed record CampaignProgressChanged(Guid CampaignId);
