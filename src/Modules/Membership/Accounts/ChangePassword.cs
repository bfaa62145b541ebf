using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Accounts;

/// <summary>changePassword: the signed-in account changes its password.</summary>
[Description("The current password and the new one.")]
public sealed record ChangePasswordInput(
    [property: Description("The account's current password.")] string CurrentPassword,
    [property: Description("The new password: 10 to 128 characters, at least four different ones, not a common password, not the email.")] string NewPassword)
{
    public override string ToString() => nameof(ChangePasswordInput); // the passwords stay out of logs
}

/// <summary>Every other token of the account stops working.</summary>
public sealed record ChangePassword(Guid AccountId, string CurrentPassword, string NewPassword, string? ClientAddress)
{
    public static readonly UserError WrongPassword = new(ErrorCodes.InvalidCredentials, "The current password is not right.", ["input", "currentPassword"]);

    /// <summary>The passwords stay out of logs.</summary>
    public override string ToString() => nameof(ChangePassword);

    /// <summary>
    /// The rules: an account that can sign in; not while its sign-ins are throttled (<paramref name="throttledFor"/>);
    /// the right current password; a new password that meets <see cref="PasswordPolicy"/>.
    /// </summary>
    public Decision Decide(Account? account, TimeSpan? throttledFor, bool currentPasswordRight)
    {
        if (account is not { CanSignIn: true }) return Decision.Refuse(WrongPassword);
        if (throttledFor is { } wait)
            return Decision.Refuse(new UserError(ErrorCodes.Throttled, $"Too many failed attempts: try again in {SignInThrottle.Minutes(wait)} minute(s).", null));
        if (!currentPasswordRight) return Decision.Refuse(WrongPassword);
        if (PasswordPolicy.Check(NewPassword, account.Email) is { } weak) return Decision.Refuse(UserError.Validation("input.newPassword", weak));
        return Decision.Accept();
    }
}

public static class ChangePasswordHandler
{
    /// <summary>
    /// A wrong current password counts as a failed sign-in of the account's email (the same throttle), so the
    /// mutation cannot be used to guess a password faster than sign-in can.
    /// </summary>
    public static async Task<SignInResult> Handle(
        ChangePassword command, IDocumentSession session, IPasswordHasher<Account> hasher, SignInThrottle throttle, TokenIssuer tokens, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var account = await session.LoadAsync<Account>(command.AccountId, cancellationToken);
        TimeSpan? wait = null;
        var right = false;
        if (account is { CanSignIn: true })
        {
            wait = throttle.RetryAfter(account.Email, command.ClientAddress);
            if (wait is null)
            {
                var current = command.CurrentPassword ?? "";
                right = current.Length is > 0 and <= PasswordPolicy.MaxLength
                    && hasher.VerifyHashedPassword(account, account.PasswordHash!, current) != PasswordVerificationResult.Failed;
                if (!right) throttle.RecordFailure(account.Email, command.ClientAddress);
            }
        }
        var decision = command.Decide(account, wait, right);
        if (!decision.Accepted) return SignInResult.Refused([.. decision.Errors]);

        account!.PasswordHash = hasher.HashPassword(account, command.NewPassword);
        account.TokenVersion++;
        account.TokensRevokedAt = clock.GetUtcNow();
        session.Update(account);
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, await AccountTokenCheck.RolesForTokenAsync(session, account!, clock.GetUtcNow(), cancellationToken), account.TokenVersion), account.Id, account.MemberId, []);
    }
}

internal sealed class ChangePasswordField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<SignInPayloadType, AutoRegisteringInputObjectGraphType<ChangePasswordInput>>("changePassword",
                "Change the signed-in account's password. A wrong current password is INVALID_CREDENTIALS (and counts towards the sign-in throttle). Every other token of the account stops working; the payload holds a fresh one.",
                "The current and the new password.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ChangePasswordInput>();
                var accountId = ctx.Caller().AccountId;
                return await SignInPayload.RunAsync(ctx, new ChangePassword(accountId, input.CurrentPassword, input.NewPassword, ctx.ClientAddress()), SignInPayload.AccountChanged,
                    _ => ctx.RequestServices!.GetRequiredService<AccountTokenCheck>().Forget(accountId));
            });
}
