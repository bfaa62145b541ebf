using Marten;
using Microsoft.AspNetCore.Identity;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Accounts;

/// <summary>The signed-in account changes its password; every other token of the account stops working.</summary>
public sealed record ChangePassword(Guid AccountId, string CurrentPassword, string NewPassword, string? ClientAddress)
{
    /// <summary>The passwords stay out of logs.</summary>
    public override string ToString() => nameof(ChangePassword);
}

public static class ChangePasswordHandler
{
    private static readonly UserError WrongPassword =
        new(ErrorCodes.InvalidCredentials, "The current password is not right.", ["input", "currentPassword"]);

    /// <summary>
    /// A wrong current password counts as a failed sign-in of the account's email (the same throttle), so the
    /// mutation cannot be used to guess a password faster than sign-in can.
    /// </summary>
    public static async Task<SignInResult> Handle(
        ChangePassword command, IDocumentSession session, IPasswordHasher<Account> hasher, SignInThrottle throttle, TokenIssuer tokens, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<Account>(command.AccountId, cancellationToken);
        if (account is null || !account.CanSignIn) return SignInResult.Refused(WrongPassword);
        if (throttle.RetryAfter(account.Email, command.ClientAddress) is { } wait)
            return SignInResult.Refused(new UserError(ErrorCodes.Throttled,
                $"Too many failed attempts: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute(s).", null));
        var current = command.CurrentPassword ?? "";
        if (current.Length is 0 or > PasswordPolicy.MaxLength
            || hasher.VerifyHashedPassword(account, account.PasswordHash!, current) == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(account.Email, command.ClientAddress);
            return SignInResult.Refused(WrongPassword);
        }
        if (PasswordPolicy.Check(command.NewPassword, account.Email) is { } weak)
            return SignInResult.Refused(UserError.Validation("input.newPassword", weak));

        account.PasswordHash = hasher.HashPassword(account, command.NewPassword);
        account.TokenVersion++;
        account.TokensRevokedAt = clock.GetUtcNow();
        session.Update(account);
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, account.Roles, account.TokenVersion), account.Id, account.MemberId, []);
    }
}
