using System.Security.Claims;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns;

/// <summary>Who acts, from the caller's token.</summary>
public sealed record CampaignActor(Guid AccountId, Guid? MemberId, bool Organises)
{
    public static CampaignActor? From(ClaimsPrincipal? user) =>
        user.AccountId() is { } account ? new CampaignActor(account, user.MemberId(), user.HasAnyRole(Roles.Organiser, Roles.Admin)) : null;
}

/// <summary>The outcome of a command: the id of what changed, or why not.</summary>
public sealed record CampaignsResult(Guid? Id, IReadOnlyList<WorkersPower.Platform.GraphQL.UserError> Errors)
{
    public static CampaignsResult Ok(Guid id) => new(id, []);
    public static CampaignsResult Refused(params WorkersPower.Platform.GraphQL.UserError[] errors) => new(null, errors);
}

/// <summary>Told when a campaign's progress changed (after the change committed).</summary>
public sealed record CampaignProgressChanged(Guid CampaignId);
