using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Accounts;

/// <summary>signIn: someone signs in with email and password.</summary>
[Description("Email and password.")]
public sealed record SignInInput(
    [property: Description("The account's email.")] string Email,
    [property: Description("The account's password.")] string Password)
{
    public override string ToString() => nameof(SignInInput); // the email and password stay out of logs
}

public sealed record SignIn(string Email, string Password, string? ClientAddress)
{
    public static readonly UserError WrongCredentials = new(ErrorCodes.InvalidCredentials, "The email or password is not right.", null);

    /// <summary>The email and password stay out of logs.</summary>
    public override string ToString() => nameof(SignIn);

    /// <summary>
    /// The rules: not while sign-ins of the email or from the address are throttled (<paramref name="throttledFor"/>);
    /// an account that can sign in, with the right password (which of the two failed is not told); then, and only
    /// then, a member who is suspended, resigned or erased is told why no token comes.
    /// </summary>
    public Decision Decide(TimeSpan? throttledFor, Account? account, bool passwordRight, MemberProfile? member)
    {
        if (throttledFor is { } wait)
            return Decision.Refuse(new UserError(ErrorCodes.Throttled, $"Too many failed sign-ins: try again in {SignInThrottle.Minutes(wait)} minute(s).", null));
        if (account is not { CanSignIn: true } || !passwordRight) return Decision.Refuse(WrongCredentials);
        if (member is not null && AccountTokenCheck.StandingRefusal(member) is { } refusal) return Decision.Refuse(UserError.InvalidState(refusal));
        return Decision.Accept();
    }
}

public static class SignInHandler
{
    public static async Task<SignInResult> Handle(
        SignIn command, IDocumentSession session, IPasswordHasher<Account> hasher, SignInThrottle throttle, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var emailKey = Emails.Key(command.Email ?? "");
        var wait = throttle.RetryAfter(emailKey, command.ClientAddress);
        Account? account = null;
        MemberProfile? member = null;
        var right = false;
        if (wait is null)
        {
            account = emailKey.Length is > 0 and <= Emails.MaxLength && command.Password is { Length: > 0 and <= PasswordPolicy.MaxLength }
                ? await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == emailKey, cancellationToken)
                : null;
            // Verify against a hash even when there is no account, so timing does not tell which emails exist.
            var verdict = hasher.VerifyHashedPassword(account ?? new Account(), account?.PasswordHash ?? DummyHash.Value, command.Password ?? "");
            right = account is { CanSignIn: true } && verdict != PasswordVerificationResult.Failed;
            if (!right) throttle.RecordFailure(emailKey, command.ClientAddress);
            else
            {
                throttle.RecordSuccess(emailKey);
                if (account!.MemberId is { } memberId) member = await session.LoadAsync<MemberProfile>(memberId, cancellationToken);
            }
        }
        var decision = command.Decide(wait, account, right, member);
        if (!decision.Accepted) return SignInResult.Refused([.. decision.Errors]);
        return new SignInResult(tokens.Issue(account!.Id, account.MemberId, await AccountTokenCheck.RolesForTokenAsync(session, account!, clock.GetUtcNow(), cancellationToken), account.TokenVersion), account.Id, account.MemberId, []);
    }

    private static readonly Lazy<string> DummyHash =
        new(() => new PasswordHasher<Account>().HashPassword(new Account(), Guid.NewGuid().ToString()));
}

internal sealed class SignInField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<SignInPayloadType, AutoRegisteringInputObjectGraphType<SignInInput>>("signIn",
                "Sign in with email and password; returns an access token. Repeated failures are throttled.", "Email and password.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<SignInInput>();
                return await SignInPayload.RunAsync(ctx, new SignIn(input.Email, input.Password, ctx.ClientAddress()), SignInPayload.AccountChanged);
            });
}
