using System.Security.Claims;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Content;

/// <summary>Who reads or writes, from the token: editors and admins see everything, members see members-only articles.</summary>
public sealed record ContentActor(Guid AccountId, Guid? MemberId, bool Edits)
{
    public static ContentActor? From(ClaimsPrincipal? user) =>
        user.AccountId() is { } account ? new ContentActor(account, user.MemberId(), user.HasAnyRole(Roles.Editor, Roles.Admin)) : null;
}
