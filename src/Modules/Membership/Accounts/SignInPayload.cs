namespace WorkersPower.Membership.Accounts;

/// <summary>An account's credentials were accepted: the token to use, or why not (activateAccount, signIn, changePassword).</summary>
public sealed record SignInResult(IssuedToken? Token, Guid? AccountId, Guid? MemberId, IReadOnlyList<UserError> Errors)
{
    public static SignInResult Refused(params UserError[] errors) => new(null, null, null, errors);
}

public sealed record SignInPayload(string? AccessToken, DateTimeOffset? ExpiresAt, MemberProfile? Member) : Payload
{
    /// <summary>What a command on an account answers when the account changed at the same moment (signing in writes nothing).</summary>
    internal static readonly RaceAnswers AccountChanged = new(UserError.Conflict("The account changed at the same moment: try again."));

    /// <summary>
    /// Runs a command that signs an account in and answers the token with the member it belongs to;
    /// <paramref name="signedIn"/> runs once the command's transaction is committed and a token was issued.
    /// </summary>
    internal static async Task<SignInPayload> RunAsync(IResolveFieldContext ctx, object command, RaceAnswers races, Action<SignInResult>? signedIn = null)
    {
        var result = await ctx.InvokeAsync(command, races, error => SignInResult.Refused(error));
        if (result.Token is null) return new SignInPayload(null, null, null) { Errors = result.Errors };
        signedIn?.Invoke(result);
        MemberProfile? member = null;
        if (result.MemberId is { } memberId)
        {
            await using var session = ctx.Session();
            member = await session.LoadAsync<MemberProfile>(memberId, ctx.CancellationToken);
        }
        return new SignInPayload(result.Token.AccessToken, result.Token.ExpiresAt, member);
    }
}

public sealed class SignInPayloadType : PayloadType<SignInPayload>
{
    public SignInPayloadType() : base("SignInPayload", "An access token, or why none was given.")
    {
        Field(x => x.AccessToken, nullable: true).Description("A JWT to send as 'Authorization: Bearer <token>'.");
        Field(x => x.ExpiresAt, nullable: true).Description("When the token stops working.");
        Field<MemberType>("member").Description("The signed-in member (null for operator accounts without a member record).").Resolve(ctx => ctx.Source.Member);
    }
}
