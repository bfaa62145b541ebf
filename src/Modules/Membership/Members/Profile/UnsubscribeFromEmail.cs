using WorkersPower.Membership.Mail;

namespace WorkersPower.Membership.Members;

/// <summary>unsubscribeFromEmail: whoever holds the signed unsubscribe link of a member's mail turns that member's email off (no sign-in needed).</summary>
[Description("The token from the unsubscribe link of a mail.")]
public sealed record UnsubscribeFromEmailInput(
    [property: Description("The token of the link (the `token` of /unsubscribe?token=…), exactly as in the mail. It never expires.")] string Token)
{
    public override string ToString() => nameof(UnsubscribeFromEmailInput); // the token stays out of logs
}

/// <summary>Where a member turned email off.</summary>
public enum UnsubscribeSource
{
    /// <summary>The signed unsubscribe link of a mail (the page, or a mail program's one-click unsubscribe), without signing in.</summary>
    Link,

    /// <summary>Their own communication preferences (updateMyCommunicationPreferences), signed in.</summary>
    Profile,
}

/// <summary>
/// The member turned email off: from now on only mail about their membership or account reaches them (reminders and
/// organisers' messages do not). <paramref name="Source"/> says where; the member can turn email on again in their profile.
/// Recorded before the consent ledger; a change is now a <see cref="ConsentChanged"/> entry.
/// </summary>
public sealed record UnsubscribedFromEmail(Guid MemberId, UnsubscribeSource Source, DateTimeOffset At);

/// <summary>
/// Unsubscribes a member from email that needs consent. From the signed link (<see cref="UnsubscribeSource.Link"/>) nobody
/// signs in: the link's signature is the authority, and it names only this member. (Turning email off in the profile goes
/// through <see cref="UpdateMyCommunicationPreferences"/>, which records the same event with its source.)
/// </summary>
public sealed record UnsubscribeFromEmail(Guid MemberId, UnsubscribeSource Source)
{
    /// <summary>The link's token is not one of ours (malformed, altered, or signed under another key).</summary>
    public static readonly UserError InvalidLink = new(ErrorCodes.InvalidToken,
        "This unsubscribe link is not valid. Please use the link from the mail exactly as it is, or turn email off in your profile.", ["input", "token"]);

    /// <summary>The rule: email on becomes off; already off, or nobody left to unsubscribe (unknown, erased), changes nothing.
    /// Recorded in the consent ledger: email withdrawn, from the link (nobody signed in) or the profile.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now) =>
        member is { Erased: false, Communication.Email: true }
            ? Decision.Accept(new ConsentChanged(member.Id, ConsentChannel.Email, false,
                Source == UnsubscribeSource.Link ? ConsentSource.UnsubscribeLink : ConsentSource.Profile, null, now))
            : Decision.Unchanged;
}

public static class UnsubscribeFromEmailHandler
{
    public static async Task<CommandResult> Handle(UnsubscribeFromEmail command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return decision.ToResult(command.MemberId);
    }
}

public sealed record UnsubscribeFromEmailPayload(bool Unsubscribed) : Payload;

public sealed class UnsubscribeFromEmailPayloadType : PayloadType<UnsubscribeFromEmailPayload>
{
    public UnsubscribeFromEmailPayloadType() : base("UnsubscribeFromEmailPayload", "Whether email that needs consent stops. It names nobody: whoever holds the link may ask.") =>
        Field(x => x.Unsubscribed).Description("True when no reminder or organiser's message reaches the link's member by email any more (also when email was off already).");
}

internal sealed class UnsubscribeFromEmailField : IMutationField
{
    /// <summary>Two unsubscribes at once (the mail program's one-click and the page): re-tried, so both are answered done.</summary>
    private static readonly RaceAnswers Races = new(UserError.Conflict("Your email settings changed at the same moment: try again."), Retries: 5);

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<UnsubscribeFromEmailPayloadType, AutoRegisteringInputObjectGraphType<UnsubscribeFromEmailInput>>("unsubscribeFromEmail",
                "Turn email off for the member named by the signed unsubscribe link of their mail (no sign-in needed: the link's signature is the authority). Reminders and organisers' messages stop; mail about the membership or the account still goes. Recorded in the member's history as done from the link; already off changes nothing. A token that is not ours is INVALID_TOKEN.",
                "The token from the link.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<UnsubscribeFromEmailInput>();
                if (ctx.RequestServices!.GetRequiredService<UnsubscribeLinks>().MemberOf(input.Token) is not { } memberId)
                    return new UnsubscribeFromEmailPayload(false) { Errors = [UnsubscribeFromEmail.InvalidLink] };
                var result = await ctx.InvokeAsync(new UnsubscribeFromEmail(memberId, UnsubscribeSource.Link), Races);
                return new UnsubscribeFromEmailPayload(result.Errors.Count == 0) { Errors = result.Errors };
            });
}
