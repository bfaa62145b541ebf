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

/// <summary>Told when a campaign's progress changed (after the change committed).</summary>
public sealed record CampaignProgressChanged(Guid CampaignId);
