namespace WorkersPower.Membership.Accounts;

/// <summary>requestPasswordReset: someone who forgot their password asks for a link to set a new one (no sign-in needed).</summary>
[Description("The address of the account whose password is forgotten.")]
public sealed record RequestPasswordResetInput(
    [property: Description("The account's email address. The answer is the same whether or not an account has it.")] string Email)
{
    public override string ToString() => nameof(RequestPasswordResetInput); // the address stays out of logs
}

public sealed record RequestPasswordReset(string Email)
{
    /// <summary>What every request is told, whether or not an account has the address.</summary>
    public const string Answer =
        "If an account has this address, a link to set a new password is on its way to it. The link works for one hour. If nothing arrives, check the address and your spam folder, or ask again.";

    /// <summary>What every request is told when the platform sends no mail (Mail:Smtp:Host is not set).</summary>
    public const string NoMailAnswer = "This platform sends no mail yet, so no link can be sent: ask an organiser or an admin for help.";

    public static readonly UserError RateLimited = new(ErrorCodes.RateLimited, "Too many password resets asked for from this address: try again later.", null);

    /// <summary>The address stays out of logs.</summary>
    public override string ToString() => nameof(RequestPasswordReset);

    /// <summary>The key the accounts are looked up by, or null for an address no account can have (so nothing is looked up).</summary>
    public string? EmailKey => Emails.IsValid(Email) ? Emails.Key(Email) : null;

    /// <summary>
    /// The rules, given the account that has the address (null: none) and its member: a reset link goes to an account
    /// that can sign in or was invited to, unless its member may not sign in (suspended, resigned, erased). The caller is
    /// never told which (the answer is always <see cref="Answer"/>): the mail, or its absence, reaches only the address.
    /// </summary>
    public SendPasswordResetMail? Decide(Account? account, MemberProfile? member)
    {
        if (account is not { CanSignInOrWasInvited: true }) return null;
        if (member is not null && AccountTokenCheck.StandingRefusal(member) is not null) return null;
        return new SendPasswordResetMail(account.Id);
    }
}

public static class RequestPasswordResetHandler
{
    /// <summary>Records nothing; with mail on, cascades the mail (sent from the durable queue, so the answer never waits for it).</summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(
        RequestPasswordReset command, IDocumentSession session, Mailer mailer, CancellationToken cancellationToken)
    {
        var outgoing = new OutgoingMessages();
        Account? account = null;
        MemberProfile? member = null;
        if (command.EmailKey is { } key)
        {
            account = await session.Query<Account>().FirstOrDefaultAsync(a => a.Email == key, cancellationToken);
            if (account?.MemberId is { } memberId) member = await session.LoadAsync<MemberProfile>(memberId, cancellationToken);
        }
        if (mailer.Enabled && command.Decide(account, member) is { } mail) outgoing.Add(mail);
        return (new CommandResult(null, []), outgoing);
    }
}

public sealed record RequestPasswordResetPayload(string? Message) : Payload;

public sealed class RequestPasswordResetPayloadType : PayloadType<RequestPasswordResetPayload>
{
    public RequestPasswordResetPayloadType() : base("RequestPasswordResetPayload", "What happens next: the same answer whether or not an account has the address.") =>
        Field(x => x.Message, nullable: true)
            .Description("What happens next, in words for the person asking (null only when refused as RATE_LIMITED). It depends only on whether the platform sends mail.");
}

internal sealed class RequestPasswordResetField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<RequestPasswordResetPayloadType, AutoRegisteringInputObjectGraphType<RequestPasswordResetInput>>("requestPasswordReset",
                "Ask for a link to set a new password (no sign-in needed). The answer is always the same and has no errors, whether or not an account has the address; when one has, and mail is on, a single-use link valid one hour is mailed to it (resetPassword). RATE_LIMITED when the client address asked too often.",
                "The account's email address.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RequestPasswordResetInput>();
                if (!ctx.RequestServices!.GetRequiredService<PasswordResetRateLimiter>().TryAcquire(ctx.ClientAddress()))
                    return new RequestPasswordResetPayload(null) { Errors = [RequestPasswordReset.RateLimited] };
                await ctx.InvokeAsync(new RequestPasswordReset(input.Email), SignInPayload.AccountChanged);
                return new RequestPasswordResetPayload(ctx.RequestServices!.GetRequiredService<Mailer>().Enabled ? RequestPasswordReset.Answer : RequestPasswordReset.NoMailAnswer);
            });
}
