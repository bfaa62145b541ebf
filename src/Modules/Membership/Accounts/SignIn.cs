using Marten;
using Microsoft.AspNetCore.Identity;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Accounts;

/// <summary>Someone signs in with email and password.</summary>
public sealed record SignIn(string Email, string Password, string? ClientAddress)
{
    /// <summary>The email and password stay out of logs.</summary>
    public override string ToString() => nameof(SignIn);
}

public static class SignInHandler
{
    private static readonly UserError WrongCredentials =
        new(ErrorCodes.InvalidCredentials, "The email or password is not right.", null);

    public static async Task<SignInResult> Handle(
        SignIn command,
        IDocumentSession session,
        IPasswordHasher<Account> hasher,
        SignInThrottle throttle,
        TokenIssuer tokens,
        CancellationToken cancellationToken)
    {
        var emailKey = Emails.Key(command.Email ?? "");
        if (throttle.RetryAfter(emailKey, command.ClientAddress) is { } wait)
            return SignInResult.Refused(new UserError(ErrorCodes.Throttled,
                $"Too many failed sign-ins: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minute(s).", null));

        var account = emailKey.Length is > 0 and <= Emails.MaxLength && command.Password is { Length: > 0 and <= PasswordPolicy.MaxLength }
            ? await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == emailKey, cancellationToken)
            : null;

        // Verify against a hash even when there is no account, so timing does not tell which emails exist.
        var hash = account?.PasswordHash ?? DummyHash.Value;
        var verdict = hasher.VerifyHashedPassword(account ?? new Account(), hash, command.Password ?? "");
        if (account is null || !account.CanSignIn || verdict == PasswordVerificationResult.Failed)
        {
            throttle.RecordFailure(emailKey, command.ClientAddress);
            return SignInResult.Refused(WrongCredentials);
        }

        throttle.RecordSuccess(emailKey);
        // Only after the right password: a suspended or resigned member is told why no token comes.
        if (account.MemberId is { } memberId && await session.LoadAsync<Members.MemberProfile>(memberId, cancellationToken) is { } member
            && AccountTokenCheck.StandingRefusal(member) is { } refusal)
            return SignInResult.Refused(UserError.InvalidState(refusal));
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, account.Roles, account.TokenVersion), account.Id, account.MemberId, []);
    }

    private static readonly Lazy<string> DummyHash =
        new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));
}
