using Marten;
using Microsoft.AspNetCore.Identity;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Accounts;

/// <summary>A new member sets their password with the invitation token from their approval.</summary>
public sealed record ActivateAccount(string InvitationToken, string Password)
{
    /// <summary>The token and password stay out of logs.</summary>
    public override string ToString() => nameof(ActivateAccount);
}

/// <summary>An account's credentials were accepted: the token to use, or why not.</summary>
public sealed record SignInResult(IssuedToken? Token, Guid? AccountId, Guid? MemberId, IReadOnlyList<UserError> Errors)
{
    public static SignInResult Refused(params UserError[] errors) => new(null, null, null, errors);
}

public static class ActivateAccountHandler
{
    private static readonly UserError InvalidInvitation =
        new(ErrorCodes.InvalidToken, "This invitation is not valid: it may have been used already or have expired. Ask an organiser for a new one.", ["input", "invitationToken"]);

    public static async Task<SignInResult> Handle(
        ActivateAccount command,
        IDocumentSession session,
        IPasswordHasher<Account> hasher,
        TokenIssuer tokens,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.InvitationToken) || command.InvitationToken.Length > 200)
            return SignInResult.Refused(InvalidInvitation);
        var hash = InvitationTokens.Hash(command.InvitationToken.Trim());
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.InvitationTokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (account is null || account.InvitationExpiresAt is null || account.InvitationExpiresAt <= now)
            return SignInResult.Refused(InvalidInvitation);

        if (PasswordPolicy.Check(command.Password, account.Email) is { } weak)
            return SignInResult.Refused(UserError.Validation("input.password", weak));

        account.PasswordHash = hasher.HashPassword(account, command.Password);
        account.InvitationTokenHash = null;
        account.InvitationExpiresAt = null;
        account.ActivatedAt = now;
        // Optimistic concurrency on Account: a second activation racing with the same token fails here.
        session.Update(account);
        if (account.MemberId is { } memberId)
            session.Events.Append(memberId, new AccountActivated(memberId, now));
        return new SignInResult(tokens.Issue(account.Id, account.MemberId, account.Roles, account.TokenVersion), account.Id, account.MemberId, []);
    }
}
