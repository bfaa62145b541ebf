namespace WorkersPower.Decisions.Proxies;

/// <summary>authoriseProxy: a member of the meeting's scope authorises another to vote for them in the meeting's ballots.</summary>
[Description("Who votes for you in a meeting.")]
public sealed record AuthoriseProxyInput(
    [property: Id, Description("The meeting's global id.")] string MeetingId,
    [property: Id, Description("The member who will vote for you: another member in good standing of the meeting's scope.")] string HolderMemberId);

public sealed record AuthoriseProxy(Guid MeetingId, Guid HolderMemberId, Caller Actor)
{
    public static readonly UserError HolderNotInScope =
        UserError.Validation("input.holderMemberId", "Your proxy must be another member in good standing of the meeting's scope.");

    /// <summary>
    /// The rules: an open meeting; the grantor (the caller) and the holder members of its scope now; not oneself. The latest
    /// authorisation replaces an earlier one; authorising the same holder again changes nothing.
    /// </summary>
    public Decision Decide(Meeting? meeting, ElectorStanding? grantorStanding, ElectorStanding? holderStanding, Guid proxyId, DateTimeOffset now)
    {
        if (meeting is null) return Decision.Refuse(MeetingRules.NoSuchMeeting());
        if (Actor.MemberId is not { } grantor || !MeetingRules.InScope(grantorStanding, meeting.BranchId)) return Decision.Deny(MotionRules.OnlyMembers);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        if (HolderMemberId == grantor || !MeetingRules.InScope(holderStanding, meeting.BranchId)) return Decision.Refuse(HolderNotInScope);
        if (meeting.Proxies.Any(p => p.GrantorMemberId == grantor && p.HolderMemberId == HolderMemberId)) return Decision.Unchanged;
        return Decision.Accept(new ProxyAuthorised(meeting.Id, proxyId, grantor, HolderMemberId, now));
    }
}

public static class AuthoriseProxyHandler
{
    public static async Task<CommandResult> Handle(AuthoriseProxy command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Meeting>(command.MeetingId, ct);
        var grantor = command.Actor.MemberId is { } me ? await electorate.StandingAsync(me, now, ct) : null;
        var holder = await electorate.StandingAsync(command.HolderMemberId, now, ct);
        var decision = command.Decide(stream.Aggregate, grantor, holder, Guid.CreateVersion7(), now);
        stream.AppendMany(decision.Events);
        return decision.ToResult(command.MeetingId);
    }
}

internal sealed class AuthoriseProxyField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ProxyPayloadType, AutoRegisteringInputObjectGraphType<AuthoriseProxyInput>>("authoriseProxy",
                "Authorise another member of the meeting's scope to vote for you in its ballots (members in good standing of its scope; others FORBIDDEN). " +
                "The latest authorisation replaces an earlier one. The chair, the convenor, organisers of the scope and admins see the meeting's proxies.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<AuthoriseProxyInput>();
                if (GlobalId.TryDecode(input.MeetingId, MeetingType.TypeName) is not { } meeting) return ProxyPayload.Refused(MeetingRules.NoSuchMeeting());
                if (GlobalId.TryDecode(input.HolderMemberId, "Member") is not { } holder) return ProxyPayload.Refused(AuthoriseProxy.HolderNotInScope);
                var caller = ctx.Caller();
                var result = await ctx.InvokeAsync(new AuthoriseProxy(meeting, holder, caller), ProxyPayload.Races);
                // Accepted or refused for the holder, the answer tells whether they are a member in good standing of the
                // meeting's scope: someone else's personal data, so the read is recorded (the reader's own record is not).
                if (result.Id is not null || result.Errors.Any(e => e.Field is [_, "holderMemberId"]))
                    await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
                        .RecordReadsAsync(new PersonalDataReader(caller.AccountId, caller.MemberId, caller.Roles), [holder], ctx.CancellationToken);
                if (result.Id is not { } id) return new ProxyPayload(null) { Errors = result.Errors };
                await using var session = ctx.Session();
                var saved = await session.LoadAsync<Meeting>(id, ctx.CancellationToken);
                return new ProxyPayload(saved?.Proxies.FirstOrDefault(p => p.GrantorMemberId == caller.MemberId));
            });
}
