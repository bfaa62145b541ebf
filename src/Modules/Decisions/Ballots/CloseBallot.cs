namespace WorkersPower.Decisions.Ballots;

/// <summary>Asks a ballot's scheduled closing (a durable message scheduled at its closesAt).</summary>
public sealed record CloseBallot(Guid BallotId);

/// <summary>Closes a ballot: by the chair (<paramref name="Actor"/>) or on schedule (<see cref="CloseBallot"/>, no actor).</summary>
public sealed record CloseBallotNow(Guid BallotId, Caller? Actor)
{
    /// <summary>
    /// The rules: only whoever may run the meeting (when a person closes it); only an OPEN ballot (closing a closed one
    /// changes nothing; a ballot never opened cannot be closed). The count is <see cref="BallotCount.Count"/>.
    /// </summary>
    public Decision Decide(Ballot ballot, Meeting meeting, BallotResult counted, DateTimeOffset now)
    {
        if (Actor is { } actor && !meeting.MayBeRunBy(actor)) return Decision.Deny("Only whoever runs the meeting may close its ballots.");
        if (ballot.Status == BallotStatus.Closed) return Decision.Unchanged;
        if (ballot.Status == BallotStatus.Scheduled) return Decision.Refuse(UserError.InvalidState("The ballot has not opened."));
        return Decision.Accept(new BallotClosed(ballot.Id, counted.Turnout, counted.Quorate, Actor?.AccountId, now));
    }
}

public static class CloseBallotNowHandler
{
    /// <summary>
    /// In one transaction: locks the ballot's roll and box (votes under way finish first; later ones find it closed),
    /// counts, records BallotClosed, stores the result (the box's ballots by receipt, or the recorded votes by voter),
    /// removes the box (its ballots are now in the published result; the roll stays: it says who voted, not how), tells
    /// turnout subscribers, and cascades BallotDecided (a motion's or amendment's ballot) and the contract's BallotClosed.
    /// </summary>
    public static async Task<(CommandResult, BallotDecided?, Contracts.BallotClosed?)> Handle(CloseBallotNow command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var votes = await VoteStore.LockAsync(session, command.BallotId, ct);
        var stream = await session.Events.FetchForWriting<Ballot>(command.BallotId, ct);
        if (stream.Aggregate is not { } ballot) return (CommandResult.Refused(OpenBallotNowHandler.NoSuchBallot), null, null);
        if (await session.LoadAsync<Meeting>(ballot.MeetingId, ct) is not { } meeting) return (CommandResult.Refused(OpenBallotNowHandler.NoSuchBallot), null, null);
        var now = clock.GetUtcNow();
        var recorded = ballot.Secrecy == VoteSecrecy.Recorded && ballot.Status == BallotStatus.Open ? await RecordedVotesAsync(session, ballot.Id, ct) : [];
        IReadOnlyList<IReadOnlyList<string>> choices = ballot.Secrecy == VoteSecrecy.Secret
            ? [.. (votes?.Box ?? []).Select(b => b.Choice)]
            : [.. recorded.Select(v => v.Choice)];
        var counted = BallotCount.Count(ballot, ballot.ElectorateSize ?? 0, votes?.Voters.Count ?? 0, choices);
        counted.Ballots = [.. (votes?.Box ?? []).OrderBy(b => b.Receipt, StringComparer.Ordinal)];
        counted.Votes = recorded;
        var decision = command.Decide(ballot, meeting, counted, now);
        if (decision.Events.Count == 0) return (decision.ToResult(ballot.Id), null, null);
        stream.AppendMany(decision.Events);
        session.Store(counted);
        VoteStore.QueueEmptyBox(session, ballot.Id);
        await VoteStore.NotifyAsync(session, TurnoutView.Of(ballot, BallotStatus.Closed, ballot.ElectorateSize ?? 0, counted.Turnout), ct);
        var decided = ballot.MotionId is not null || ballot.AmendmentId is not null
            ? new BallotDecided(ballot.Id, ballot.MotionId, ballot.AmendmentId, counted.Carried ?? false)
            : null;
        return (decision.ToResult(ballot.Id), decided, new Contracts.BallotClosed(ballot.Id, ballot.MeetingId, ballot.BranchId, counted.Quorate, now));
    }

    /// <summary>The scheduled closing (at the ballot's closesAt): closes it if it is open.</summary>
    public static async Task<(BallotDecided?, Contracts.BallotClosed?)> Handle(CloseBallot message, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Ballot>(message.BallotId, ct) is not { Status: BallotStatus.Open }) return (null, null);
        var (_, decided, closed) = await Handle(new CloseBallotNow(message.BallotId, null), session, clock, ct);
        return (decided, closed);
    }

    /// <summary>A RECORDED ballot's votes: each voter's latest, sorted by voter id.</summary>
    private static async Task<List<RecordedChoice>> RecordedVotesAsync(IDocumentSession session, Guid ballotId, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ballotId, token: ct);
        return [.. events.Select(e => e.Data).OfType<VoteRecorded>()
            .GroupBy(v => v.VoterMemberId).Select(g => new RecordedChoice(g.Key, g.Last().Choice)).OrderBy(v => v.VoterMemberId)];
    }
}

internal sealed class CloseBallotField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BallotPayloadType, AutoRegisteringInputObjectGraphType<BallotIdInput>>("closeBallot",
                "Close an open ballot now (whoever may run its meeting): it is counted and its result published (every ballot by receipt for a secret ballot, every vote by name for a recorded one). Closing a closed ballot changes nothing; one not yet open answers INVALID_STATE.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.Input<BallotIdInput>().BallotId, BallotType.TypeName) is not { } id) return BallotPayload.Refused(OpenBallotNowHandler.NoSuchBallot);
                return await BallotPayload.RunAsync(ctx, new CloseBallotNow(id, ctx.Caller()));
            });
}
