namespace WorkersPower.Membership.Members;

/// <summary>confirmEmailChange: whoever opened the link mailed to a member's new address confirms the change (no sign-in needed).</summary>
[Description("The token from the link mailed to the new address.")]
public sealed record ConfirmEmailChangeInput(
    [property: Description("The single-use token from the link in the confirmation mail (valid 24 hours).")] string Token)
{
    public override string ToString() => nameof(ConfirmEmailChangeInput); // the token stays out of logs
}

/// <summary>What the confirmation's rules look at besides the account the token found, read by the handler.</summary>
/// <param name="Member">The account's member, as now.</param>
/// <param name="AddressTaken">Another account or member has the new address now.</param>
public sealed record EmailChangeFacts(MemberProfile? Member, bool AddressTaken);

public sealed record ConfirmEmailChange(string Token)
{
    public static readonly UserError InvalidToken =
        new(ErrorCodes.InvalidToken, "This confirmation link is not valid: it may have been used already, been replaced by a newer one, or have expired. Ask for the change again from your profile.", ["input", "token"]);

    public static readonly UserError AddressTaken =
        UserError.AlreadyExists("This address now belongs to another account, so the change cannot be made. Ask for a change to another address.", "input", "token");

    /// <summary>The token stays out of logs.</summary>
    public override string ToString() => nameof(ConfirmEmailChange);

    public bool TokenIsWellFormed => InvitationTokens.IsWellFormed(Token);

    /// <summary>
    /// The rules, given the account the token's hash found (null: none): a well-formed token that has not expired (nor been
    /// used or replaced); the member still waits for the very address it confirms (a withdrawn or changed request is not
    /// confirmed); nobody else has that address meanwhile. Records the change in the member's history.
    /// </summary>
    public Decision Decide(Account? account, EmailChangeFacts facts, DateTimeOffset now)
    {
        if (!TokenIsWellFormed || account is not { EmailChangeExpiresAt: { } expires, EmailChangeAddress: { } address, MemberId: { } memberId } || expires <= now)
            return Decision.Refuse(InvalidToken);
        if (facts.Member is not { Erased: false, PendingEmail: { } pending } member || member.Id != memberId || pending != address) return Decision.Refuse(InvalidToken);
        if (facts.AddressTaken) return Decision.Refuse(AddressTaken);
        return Decision.Accept(new MemberEmailChangeConfirmed(memberId, address, account.Id, now));
    }
}

public sealed record ConfirmEmailChangeResult(bool Confirmed, IReadOnlyList<UserError> Errors);

public static class ConfirmEmailChangeHandler
{
    /// <summary>The member's email and the account's sign-in email change together, in this one transaction.</summary>
    public static async Task<ConfirmEmailChangeResult> Handle(ConfirmEmailChange command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        Account? account = null;
        IEventStream<MemberProfile>? stream = null;
        var taken = false;
        if (command.TokenIsWellFormed)
        {
            var hash = InvitationTokens.Hash(command.Token.Trim());
            account = await session.Query<Account>().FirstOrDefaultAsync(a => a.EmailChangeTokenHash == hash, ct);
            if (account is { MemberId: { } memberId, EmailChangeAddress: { } address })
            {
                stream = await session.Events.FetchForWriting<MemberProfile>(memberId, ct);
                var key = Emails.Key(address);
                var accountId = account.Id;
                taken = await session.Query<Account>().AnyAsync(a => a.Email == key && a.Id != accountId, ct)
                    || await session.Query<MemberProfile>().AnyAsync(m => m.EmailKey == key && m.Id != memberId, ct);
            }
        }
        var decision = command.Decide(account, new EmailChangeFacts(stream?.Aggregate, taken), clock.GetUtcNow());
        if (!decision.Accepted) return new ConfirmEmailChangeResult(false, decision.Errors);

        var confirmed = decision.Events.OfType<MemberEmailChangeConfirmed>().Single();
        account!.Email = Emails.Key(confirmed.Email);
        account.ClearEmailChange();
        // Optimistic concurrency on Account, and its unique email: a second confirmation, or another account taking the address, fails here.
        session.Update(account);
        stream!.AppendMany(decision.Events);
        return new ConfirmEmailChangeResult(true, []);
    }
}

public sealed record ConfirmEmailChangePayload(bool Confirmed) : Payload;

public sealed class ConfirmEmailChangePayloadType : PayloadType<ConfirmEmailChangePayload>
{
    public ConfirmEmailChangePayloadType() : base("ConfirmEmailChangePayload", "Whether the change of email address was made. It names nobody: whoever holds the link may ask.") =>
        Field(x => x.Confirmed).Description("True when the new address is now the member's email and sign-in email.");
}

internal sealed class ConfirmEmailChangeField : IMutationField
{
    /// <summary>Two confirmations at once: the second is told the link is used; an account taking the address at the same moment wins it.</summary>
    private static readonly RaceAnswers Races = new(ConfirmEmailChange.InvalidToken, ConfirmEmailChange.AddressTaken);

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ConfirmEmailChangePayloadType, AutoRegisteringInputObjectGraphType<ConfirmEmailChangeInput>>("confirmEmailChange",
                "Confirm a change of email address with the token from the link mailed to the new address (no sign-in needed: the link may be opened anywhere). The member's email and sign-in email become the new address. An unknown, used, replaced or expired token, or a request withdrawn since, is INVALID_TOKEN; an address another account has taken meanwhile is ALREADY_EXISTS.",
                "The token from the link.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ConfirmEmailChangeInput>();
                var result = await ctx.InvokeAsync(new ConfirmEmailChange(input.Token), Races, error => new ConfirmEmailChangeResult(false, [error]));
                return new ConfirmEmailChangePayload(result.Confirmed) { Errors = result.Errors };
            });
}
