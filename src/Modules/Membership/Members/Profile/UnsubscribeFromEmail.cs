namespace WorkersPower.Membership.Members;

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
/// </summary>
public sealed record UnsubscribedFromEmail(Guid MemberId, UnsubscribeSource Source, DateTimeOffset At);

/// <summary>
/// Unsubscribes a member from email that needs consent. From the signed link (<see cref="UnsubscribeSource.Link"/>) nobody
/// signs in: the link's signature is the authority, and it names only this member. (Turning email off in the profile goes
/// through <see cref="UpdateMyCommunicationPreferences"/>, which records the same event with its source.)
/// </summary>
public sealed record UnsubscribeFromEmail(Guid MemberId, UnsubscribeSource Source)
{
    /// <summary>The rule: email on becomes off; already off, or nobody left to unsubscribe (unknown, erased), changes nothing.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now) =>
        member is { Erased: false, Communication.Email: true } ? Decision.Accept(new UnsubscribedFromEmail(member.Id, Source, now)) : Decision.Unchanged;
}

public static class UnsubscribeFromEmailHandler
{
    public static async Task<CommandResult> Handle(UnsubscribeFromEmail command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        var decision = command.Decide(stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return decision.ToResult(command.MemberId);
    }
}
