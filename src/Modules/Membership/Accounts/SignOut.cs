namespace WorkersPower.Membership.Accounts;

/// <summary>signOut: the signed-in account signs out everywhere.</summary>
[Description("Nothing is needed (an input object must have a field: this one is optional and echoed back).")]
public sealed record SignOutInput([property: Description("Any text, returned unchanged in the payload.")] string? ClientMutationId);

/// <summary>Every token of the account issued until now stops working.</summary>
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

public sealed record SignOutPayload(DateTimeOffset? SignedOutAt, string? ClientMutationId) : Payload;

public sealed class SignOutPayloadType : PayloadType<SignOutPayload>
{
    public SignOutPayloadType() : base("SignOutPayload", "When the account's tokens stopped working.")
    {
        Field(x => x.SignedOutAt, nullable: true).Description("From this moment every token of the account issued until then is refused.");
        Field(x => x.ClientMutationId, nullable: true).Description("The input's clientMutationId.");
    }
}

internal sealed class SignOutField : IMutationField
{
    // The input is optional (signOut(input: {}) and signOut both work), so not the usual Mutation(...) shape.
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SignOutPayloadType>>("signOut")
            .Description("Sign out everywhere: every token of the account issued until now stops working (on other nodes within 5 seconds).")
            .Argument<AutoRegisteringInputObjectGraphType<SignOutInput>>("input", "Nothing is needed: signOut(input: {}).")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var echo = ctx.GetArgument<SignOutInput?>("input")?.ClientMutationId;
                var accountId = ctx.Caller().AccountId;
                var result = await ctx.InvokeAsync(new SignOut(accountId), SignInPayload.AccountChanged, error => new SignOutResult(null, [error]));
                if (result.SignedOutAt is not null) ctx.RequestServices!.GetRequiredService<AccountTokenCheck>().Forget(accountId);
                return new SignOutPayload(result.SignedOutAt, echo) { Errors = result.Errors };
            });
}
