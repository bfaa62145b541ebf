namespace WorkersPower.Decisions.Ballots;

/// <summary>castVote: a member of a ballot's frozen electorate votes, for themselves or as a proxy.</summary>
[Description("A vote.")]
public sealed record CastVoteInput(
    [property: Id, Description("The ballot's global id.")] string BallotId,
    [property: Description("MOTION and CHOICE: exactly one of the ballot's options; STV: a ranking of one or more candidates, each once, first preference first.")] IReadOnlyList<string> Choice,
    [property: Id, Description("The member you vote for as their proxy in this meeting (their member global id); omit to vote for yourself.")] string? OnBehalfOf = null,
    [property: Description("To replace a vote (only where the ballot allows changes): the receipt you were given for it (secret ballots).")] string? ReplacingReceipt = null);

/// <summary>The voter goes on the ballot's roll (never stored as an event: see <see cref="VoteStore"/>).</summary>
public sealed record VoterOnRoll(Guid MemberId);

/// <summary>A secret ballot goes into the box under its receipt, replacing the one under <paramref name="Replaces"/> (never an event).</summary>
public sealed record BallotInBox(string Receipt, IReadOnlyList<string> Choice, string? Replaces);

/// <param name="CasterMemberId">Who casts it: the voter, or the holder of the voter's proxy.</param>
/// <param name="OnBehalfOf">The member whose proxy the caster holds (null: the caster votes for themselves).</param>
public sealed record CastVote(Guid BallotId, Guid CasterMemberId, Guid? OnBehalfOf, IReadOnlyList<string> Choice, string? ReplacingReceipt)
{
    /// <summary>Whose vote it is.</summary>
    public Guid Voter => OnBehalfOf ?? CasterMemberId;

    /// <summary>
    /// The rules: a proxy only for a member whose proxy the caster holds in the ballot's meeting; only while the ballot is
    /// OPEN; only for a member of its frozen electorate; a choice valid for its kind; one vote per voter: a second is
    /// refused ("You have voted") unless the ballot allows changes, when it replaces the first (a secret one: named by
    /// its receipt, which must be in the box). Accepted: the voter goes on the roll and either the ballot into the box
    /// under <paramref name="newReceipt"/> (SECRET) or the vote is recorded with its voter (RECORDED).
    /// </summary>
    /// <param name="votes">The roll and box as locked for this vote (null: the ballot never opened).</param>
    public Decision Decide(Ballot ballot, Meeting meeting, BallotElectorate? electorate, LockedVotes? votes, string newReceipt, DateTimeOffset now)
    {
        var proxy = OnBehalfOf is { } grantor && grantor != CasterMemberId;
        if (proxy && !meeting.ProxiesHeldBy(CasterMemberId).Contains(Voter)) return Decision.Deny("You do not hold that member's proxy in this meeting.");
        if (ballot.Status != BallotStatus.Open || votes is null)
            return Decision.Refuse(UserError.InvalidState(ballot.Status == BallotStatus.Closed ? "The ballot is closed." : "The ballot is not open yet."));
        if (electorate is null || !electorate.Contains(Voter))
            return Decision.Deny(proxy ? "That member is not in this ballot's electorate (frozen when it opened)." : "You are not in this ballot's electorate (frozen when it opened).");
        if (ChoiceError(ballot) is { } invalid) return Decision.Refuse(invalid);
        var hasVoted = votes.Voters.Contains(Voter);
        var replacing = Receipts.Normalise(ReplacingReceipt);
        if (!hasVoted && ReplacingReceipt is not null) return Decision.Refuse(UserError.Validation("input.replacingReceipt", proxy ? "They have not voted yet: there is nothing to replace." : "You have not voted yet: there is nothing to replace."));
        if (hasVoted && !ballot.AllowChanges) return Decision.Refuse(UserError.InvalidState(proxy ? "They have voted." : "You have voted."));
        if (ballot.Secrecy == VoteSecrecy.Recorded)
            return Decision.Accept(new VoterOnRoll(Voter), new VoteRecorded(ballot.Id, Voter, CasterMemberId, [.. Choice], now));
        if (hasVoted && ReplacingReceipt is null)
            return Decision.Refuse(UserError.Validation("input.replacingReceipt", "You have voted: give the receipt of your vote to replace it."));
        if (hasVoted && (replacing is null || !votes.Box.Any(b => b.Receipt == replacing)))
            return Decision.Refuse(UserError.NotFound("No ballot in the box has that receipt.", "input", "replacingReceipt"));
        return Decision.Accept(new VoterOnRoll(Voter), new BallotInBox(newReceipt, [.. Choice], hasVoted ? replacing : null));
    }

    private UserError? ChoiceError(Ballot ballot)
    {
        if (Choice.Any(c => !ballot.Options.Contains(c)))
            return UserError.Validation("input.choice", ballot.Kind == BallotKind.Stv ? "Rank only the ballot's candidates." : "Choose one of the ballot's options.");
        if (ballot.Kind == BallotKind.Stv)
            return Choice.Count == 0 || Choice.Distinct().Count() != Choice.Count
                ? UserError.Validation("input.choice", "Rank one or more candidates, each once.")
                : null;
        return Choice.Count != 1 ? UserError.Validation("input.choice", "Choose exactly one option.") : null;
    }
}

/// <summary>What castVote answers: the receipt (SECRET ballots, shown once), or why the vote was not cast.</summary>
public sealed record CastVoteResult(Guid? BallotId, string? Receipt, IReadOnlyList<UserError> Errors, string? Forbidden);

/// <summary>
/// The casting of a vote: deliberately not a Wolverine handler (no message, no envelope, no outbox, no log of its body),
/// it runs in the request in one transaction of its own: lock the ballot's roll and box rows, read the ballot, its
/// meeting and electorate, decide, rewrite the roll and the box (or, RECORDED, append the vote to the ballot's stream),
/// NOTIFY the new turnout at commit. Concurrent votes of one ballot wait on the lock: each counts once.
/// </summary>
public static class BallotBox
{
    public static async Task<CastVoteResult> CastAsync(CastVote command, IDecisionsStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(ct);
        var votes = await VoteStore.LockAsync(session, command.BallotId, ct);
        var batch = session.CreateBatchQuery();
        var loadingBallot = batch.Load<Ballot>(command.BallotId);
        var loadingElectorate = batch.Load<BallotElectorate>(command.BallotId);
        await batch.Execute(ct);
        if (await loadingBallot is not { } ballot || await session.LoadAsync<Meeting>(ballot.MeetingId, ct) is not { } meeting)
            return new CastVoteResult(null, null, [UserError.NotFound("There is no such ballot.", "input", "ballotId")], null);
        var decision = command.Decide(ballot, meeting, await loadingElectorate, votes, Receipts.New(), clock.GetUtcNow());
        if (decision.Forbidden is { } why) return new CastVoteResult(null, null, [], why);
        if (!decision.Accepted) return new CastVoteResult(null, null, decision.Errors, null);
        var voters = votes!.Voters.ToHashSet();
        var box = votes.Box.ToList();
        string? receipt = null;
        foreach (var e in decision.Events)
            switch (e)
            {
                case VoterOnRoll v: voters.Add(v.MemberId); break;
                case BallotInBox b:
                    box.RemoveAll(x => x.Receipt == b.Replaces);
                    box.Add(new BoxedBallot(b.Receipt, b.Choice));
                    receipt = b.Receipt;
                    break;
                case VoteRecorded r: session.Events.Append(ballot.Id, r); break;
            }
        VoteStore.QueueWrite(session, ballot.Id, voters, box);
        await VoteStore.NotifyAsync(session, TurnoutView.Of(ballot, BallotStatus.Open, ballot.ElectorateSize ?? 0, voters.Count), ct);
        await session.SaveChangesAsync(ct);
        return new CastVoteResult(ballot.Id, receipt, [], null);
    }
}

/// <summary>What castVote answers.</summary>
public sealed record CastVotePayload(string? Receipt, Ballot? Ballot) : Payload;

public sealed class CastVotePayloadType : PayloadType<CastVotePayload>
{
    public CastVotePayloadType() : base("CastVotePayload", "Your vote's receipt and the ballot, or why the vote was not cast.")
    {
        Field<StringGraphType>("receipt").Description("SECRET ballots: your ballot's receipt, shown only now; keep it to find your ballot in the published results (and to replace your vote where the ballot allows it). Null for a recorded ballot.")
            .Resolve(ctx => ctx.Source.Receipt);
        Field<BallotType>("ballot").Description("The ballot (its turnout now includes your vote).").Resolve(ctx => ctx.Source.Ballot);
    }
}

internal sealed class CastVoteField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<CastVotePayloadType, AutoRegisteringInputObjectGraphType<CastVoteInput>>("castVote",
                "Vote in an open ballot (members of its electorate, frozen when it opened; or the holder of such a member's proxy in the meeting, with onBehalfOf). " +
                "One vote per voter: a second answers INVALID_STATE, unless the ballot allows changes, when it replaces the first (give its receipt for a secret ballot). " +
                "A secret ballot answers a receipt, shown once: nothing stored links you to your ballot.")
            .Authorize()
            // no span of a vote is exported: nothing ties a voter to its moment
            .LeavesNoTrace()
            .ResolveAsync(async ctx =>
            {
                if (ctx.Caller().MemberId is not { } member) throw new ExecutionError("Only members vote.") { Code = ErrorCodes.Forbidden };
                var input = ctx.Input<CastVoteInput>();
                if (GlobalId.TryDecode(input.BallotId, BallotType.TypeName) is not { } ballotId)
                    return new CastVotePayload(null, null) { Errors = [UserError.NotFound("There is no such ballot.", "input", "ballotId")] };
                Guid? onBehalfOf = null;
                if (input.OnBehalfOf is { } proxyFor)
                {
                    if (GlobalId.TryDecode(proxyFor, "Member") is not { } grantor)
                        return new CastVotePayload(null, null) { Errors = [UserError.NotFound("There is no such member.", "input", "onBehalfOf")] };
                    onBehalfOf = grantor;
                }
                var services = ctx.RequestServices!;
                var result = await BallotBox.CastAsync(new CastVote(ballotId, member, onBehalfOf, input.Choice ?? [], input.ReplacingReceipt),
                    services.GetRequiredService<IDecisionsStore>(), services.GetRequiredService<TimeProvider>(), ctx.CancellationToken);
                if (result.Forbidden is { } why) throw new ExecutionError(why) { Code = ErrorCodes.Forbidden };
                if (result.BallotId is not { } id) return new CastVotePayload(null, null) { Errors = result.Errors };
                await using var session = ctx.Session();
                return new CastVotePayload(result.Receipt, await session.LoadAsync<Ballot>(id, ctx.CancellationToken));
            });
}
