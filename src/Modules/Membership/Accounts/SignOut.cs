using Marten;
using WorkersPower.Platform;

namespace WorkersPower.Membership.Accounts;

/// <summary>The signed-in account signs out: every token of the account issued until now stops working.</summary>
public sealed record SignOut(Guid AccountId);

public sealed record SignOutResult(DateTimeOffset? SignedOutAt, IReadOnlyList<UserError> Errors);

public static class SignOutHandler
{
    public static async Task<SignOutResult> Handle(SignOut command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<Account>(command.AccountId, cancellationToken) is not { } account)
            return new SignOutResult(null, [UserError.NotFound("There is no such account.")]);
        var now = clock.GetUtcNow();
        account.TokenVersion++;
        account.TokensRevokedAt = now;
        session.Update(account);
        return new SignOutResult(now, []);
    }
}
