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

public sealed record ContentResult(Guid? Id, IReadOnlyList<UserError> Errors)
{
    public static ContentResult Ok(Guid id) => new(id, []);
    public static ContentResult Refused(params UserError[] errors) => new(null, errors);
}
