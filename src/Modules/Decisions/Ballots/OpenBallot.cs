using WorkersPower.Membership.Contracts;

namespace WorkersPower.Decisions.Ballots;

/// <summary>Asks a ballot's scheduled opening (a durable message scheduled at its opensAt).</summary>
public sealed record OpenBallot(Guid BallotId);

/// <summary>openBallot: whoever may run the meeting opens a ballot now (before or without its scheduled opensAt).</summary>
[Description("The ballot to open, close or act on.")]
public sealed record BallotIdInput([property: Id, Description("The ballot's global id.")] string BallotId);

/// <summary>
/// Opens a ballot: by the chair (<paramref name="Actor"/>) or on schedule (<see cref="OpenBallot"/>, no actor). The
/// electorate is asked of Membership at the opening instant and frozen with the ballot.
/// </summary>
public sealed record OpenBallotNow(Guid BallotId, Caller? Actor)
{
    /// <summary>
    /// The rules: only whoever may run the meeting (when a person opens it); only a SCHEDULED ballot of an open meeting
    /// (opening twice, e.g. the chair and then the schedule, changes nothing the second time).
    /// </summary>
    /// <param name="electorate">The members who may vote, as of <paramref name="now"/> (sorted).</param>
    public Decision Decide(Ballot ballot, Meeting meeting, IReadOnlyList<Guid> electorate, DateTimeOffset now)
    {
        if (Actor is { } actor && !meeting.MayBeRunBy(actor)) return Decision.Deny("Only whoever runs the meeting may open its ballots.");
        if (ballot.Status == BallotStatus.Open) return Decision.Unchanged;
        if (ballot.Status == BallotStatus.Closed) return Decision.Refuse(UserError.InvalidState("The ballot is closed."));
        if (meeting.Status == MeetingStatus.Closed) return Decision.Refuse(UserError.InvalidState("The meeting is closed."));
        return Decision.Accept(new BallotOpened(ballot.Id, now, electorate.Count, Actor?.AccountId, now));
    }
}

public static class OpenBallotNowHandler
{
    /// <summary>
    /// Asks Membership for the electorate at this instant, decides, and in one transaction records BallotOpened, stores
    /// the frozen electorate, creates the ballot's empty roll and box and tells turnout subscribers (NOTIFY at commit).
    /// </summary>
    public static async Task<CommandResult> Handle(OpenBallotNow command, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var stream = await session.Events.FetchForWriting<Ballot>(command.BallotId, ct);
        if (stream.Aggregate is not { } ballot) return CommandResult.Refused(NoSuchBallot);
        if (await session.LoadAsync<Meeting>(ballot.MeetingId, ct) is not { } meeting) return CommandResult.Refused(NoSuchBallot);
        var now = clock.GetUtcNow();
        var mayOpen = ballot.Status == BallotStatus.Scheduled && (command.Actor is not { } a || meeting.MayBeRunBy(a));
        IReadOnlyList<Guid> members = mayOpen ? await electorate.MembersAsync(ballot.BranchId, now, ballot.MaxMonthsInArrears, ct) : [];
        var decision = command.Decide(ballot, meeting, members, now);
        if (decision.Events.Count == 0) return decision.ToResult(ballot.Id);
        stream.AppendMany(decision.Events);
        List<Guid> voters = [.. members.Distinct().Order()];
        session.Store(new BallotElectorate { Id = ballot.Id, CutOff = now, Members = voters });
        VoteStore.QueueCreate(session, ballot.Id);
        await VoteStore.NotifyAsync(session, TurnoutView.Of(ballot, BallotStatus.Open, voters.Count, 0), ct);
        return decision.ToResult(ballot.Id);
    }

    /// <summary>The scheduled opening (at the ballot's opensAt): opens it unless it is open or closed already.</summary>
    public static async Task Handle(OpenBallot message, IDocumentSession session, IElectorate electorate, TimeProvider clock, CancellationToken ct) =>
        await Handle(new OpenBallotNow(message.BallotId, null), session, electorate, clock, ct);

    internal static readonly UserError NoSuchBallot = UserError.NotFound("There is no such ballot.", "input", "ballotId");
}

internal sealed class OpenBallotField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BallotPayloadType, AutoRegisteringInputObjectGraphType<BallotIdInput>>("openBallot",
                "Open a ballot now (whoever may run its meeting): its electorate is frozen at this instant (members in good standing in the meeting's scope, within the ballot's arrears limit). Opening an open ballot changes nothing; a closed one answers INVALID_STATE.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                if (GlobalId.TryDecode(ctx.Input<BallotIdInput>().BallotId, BallotType.TypeName) is not { } id) return BallotPayload.Refused(OpenBallotNowHandler.NoSuchBallot);
                return await BallotPayload.RunAsync(ctx, new OpenBallotNow(id, ctx.Caller()));
            });
}
