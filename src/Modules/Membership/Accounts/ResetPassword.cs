using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Accounts;

/// <summary>resetPassword: someone sets a new password with the token from a password reset mail (no sign-in needed).</summary>
[Description("The token from the password reset mail and the new password.")]
public sealed record ResetPasswordInput(
    [property: Description("The single-use token from the link in the password reset mail (valid one hour).")] string Token,
    [property: Description("The new password: 10 to 128 characters, at least four different ones, not a common password, not the email.")] string Password)
{
    public override string ToString() => nameof(ResetPasswordInput); // the token and password stay out of logs
}

/// <summary>Every earlier token of the account stops working.</summary>
public sealed record ResetPassword(string Token, string Password)
{
    public static readonly UserError InvalidToken =
        new(ErrorCodes.InvalidToken, "This password reset link is not valid: it may have been used already, been replaced by a newer one, or have expired. Ask for a new one.", ["input", "token"]);

    /// <summary>The token and password stay out of logs.</summary>
    public override string ToString() => nameof(ResetPassword);

    public bool TokenIsWellFormed => InvitationTokens.IsWellFormed(Token);

    /// <summary>
    /// The rules, given the account the token's hash found (null: none) and its member: a well-formed token of a reset that has
    /// not expired (nor been used or replaced: either clears or changes the hash); a member who may sign in; a password that
    /// meets <see cref="PasswordPolicy"/>. A member's account not activated yet (the invitation never used) is activated now;
    /// a change of email address waiting for confirmation is withdrawn (someone who knew the old password may have asked for it).
    /// </summary>
    public Decision Decide(Account? account, MemberProfile? member, DateTimeOffset now)
    {
        if (!TokenIsWellFormed || account is not { PasswordResetExpiresAt: { } expires } || expires <= now) return Decision.Refuse(InvalidToken);
        if (member is not null && AccountTokenCheck.StandingRefusal(member) is { } refusal) return Decision.Refuse(UserError.InvalidState(refusal));
        if (PasswordPolicy.Check(Password, account.Email) is { } weak) return Decision.Refuse(UserError.Validation("input.password", weak));
        var events = new List<object>();
        if (account is { ActivatedAt: null, MemberId: { } memberId }) events.Add(new AccountActivated(memberId, now));
        // Whoever may have used the old password to ask for another address loses that request too (the notice mail says so).
        if (member is { PendingEmail: not null }) events.Add(new MemberEmailChangeRequested(member.Id, null, account.Id, now));
        return Decision.Accept([.. events]);
    }
}

public static class ResetPasswordHandler
{
    public static async Task<SignInResult> Handle(
        ResetPassword command, IDocumentSession session, IPasswordHasher<Account> hasher, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        Account? account = null;
        MemberProfile? member = null;
        if (command.TokenIsWellFormed)
        {
            var hash = InvitationTokens.Hash(command.Token.Trim());
            account = await session.Query<Account>().FirstOrDefaultAsync(a => a.PasswordResetTokenHash == hash, cancellationToken);
            if (account?.MemberId is { } memberId) member = await session.LoadAsync<MemberProfile>(memberId, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var decision = command.Decide(account, member, now);
        if (!decision.Accepted) return SignInResult.Refused([.. decision.Errors]);

        account!.PasswordHash = hasher.HashPassword(account, command.Password);
        account.PasswordResetTokenHash = null;
        account.PasswordResetExpiresAt = null;
        account.ClearEmailChange();
        if (account.ActivatedAt is null)
        {
            // The password replaces the invitation: its link stops working.
            account.InvitationTokenHash = null;
            account.InvitationExpiresAt = null;
            account.ActivatedAt = now;
        }
        account.TokenVersion++;
        account.TokensRevokedAt = now;
        // Optimistic concurrency on Account: a second reset racing with the same token fails here.
        session.Update(account);
        if (account.MemberId is { } id && decision.Events.Count > 0) session.Events.Append(id, [.. decision.Events]);
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, await AccountTokenCheck.RolesForTokenAsync(session, account!, clock.GetUtcNow(), cancellationToken), account.TokenVersion), account.Id, account.MemberId, []);
    }
}

internal sealed class ResetPasswordField : IMutationField
{
    /// <summary>Two resets with one token at once: the second is told the link is used.</summary>
    private static readonly RaceAnswers Races = new(ResetPassword.InvalidToken);

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<SignInPayloadType, AutoRegisteringInputObjectGraphType<ResetPasswordInput>>("resetPassword",
                "Set a new password with the token from a password reset mail (no sign-in needed); returns an access token. Every earlier token of the account stops working, and a change of email address waiting for confirmation is withdrawn. An unknown, used, replaced or expired token is INVALID_TOKEN.",
                "The token and the new password.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ResetPasswordInput>();
                return await SignInPayload.RunAsync(ctx, new ResetPassword(input.Token, input.Password), Races,
                    result => ctx.RequestServices!.GetRequiredService<AccountTokenCheck>().Forget(result.AccountId!.Value));
            });
}
