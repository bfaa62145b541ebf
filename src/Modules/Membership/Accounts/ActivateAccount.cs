using Microsoft.AspNetCore.Identity;

namespace WorkersPower.Membership.Accounts;

/// <summary>activateAccount: a new member sets their password with the invitation token from their approval.</summary>
[Description("The invitation token from the approval and the password the member chooses.")]
public sealed record ActivateAccountInput(
    [property: Description("The single-use token given on approval (valid 7 days).")] string InvitationToken,
    [property: Description("At least 10 characters, at least 4 different ones, not a common password, not containing the email.")] string Password)
{
    public override string ToString() => nameof(ActivateAccountInput); // the token and password stay out of logs
}

public sealed record ActivateAccount(string InvitationToken, string Password)
{
    public static readonly UserError InvalidInvitation =
        new(ErrorCodes.InvalidToken, "This invitation is not valid: it may have been used already or have expired. Ask an organiser for a new one.", ["input", "invitationToken"]);

    /// <summary>The token and password stay out of logs.</summary>
    public override string ToString() => nameof(ActivateAccount);

    public bool TokenIsWellFormed => InvitationTokens.IsWellFormed(InvitationToken);

    /// <summary>
    /// The rules, given the account the token's hash found (null: none): a well-formed token of an invitation that
    /// has not expired (nor been used: using it clears it); a password that meets <see cref="PasswordPolicy"/>.
    /// Records that a member's account is activated.
    /// </summary>
    public Decision Decide(Account? account, DateTimeOffset now)
    {
        if (!TokenIsWellFormed || account is not { InvitationExpiresAt: { } expires } || expires <= now) return Decision.Refuse(InvalidInvitation);
        if (PasswordPolicy.Check(Password, account.Email) is { } weak) return Decision.Refuse(UserError.Validation("input.password", weak));
        return account.MemberId is { } memberId ? Decision.Accept(new AccountActivated(memberId, now)) : Decision.Accept();
    }
}

public static class ActivateAccountHandler
{
    public static async Task<SignInResult> Handle(
        ActivateAccount command, IDocumentSession session, IPasswordHasher<Account> hasher, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        Account? account = null;
        if (command.TokenIsWellFormed)
        {
            var hash = InvitationTokens.Hash(command.InvitationToken.Trim());
            account = await session.Query<Account>().FirstOrDefaultAsync(a => a.InvitationTokenHash == hash, cancellationToken);
        }
        var now = clock.GetUtcNow();
        var decision = command.Decide(account, now);
        if (!decision.Accepted) return SignInResult.Refused([.. decision.Errors]);

        account!.PasswordHash = hasher.HashPassword(account, command.Password);
        account.InvitationTokenHash = null;
        account.InvitationExpiresAt = null;
        account.ActivatedAt = now;
        // Optimistic concurrency on Account: a second activation racing with the same token fails here.
        session.Update(account);
        if (account.MemberId is { } memberId) session.Events.Append(memberId, [.. decision.Events]);
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, await AccountTokenCheck.RolesForTokenAsync(session, account!, clock.GetUtcNow(), cancellationToken), account.TokenVersion), account.Id, account.MemberId, []);
    }
}

internal sealed class ActivateAccountField : IMutationField
{
    /// <summary>Two activations with one token at once: the second is told the invitation is used.</summary>
    private static readonly RaceAnswers Races = new(ActivateAccount.InvalidInvitation);

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<SignInPayloadType, AutoRegisteringInputObjectGraphType<ActivateAccountInput>>("activateAccount",
                "Set a password with the invitation token from the approval; returns an access token.", "The token and the chosen password.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ActivateAccountInput>();
                return await SignInPayload.RunAsync(ctx, new ActivateAccount(input.InvitationToken, input.Password), Races);
            });
}
