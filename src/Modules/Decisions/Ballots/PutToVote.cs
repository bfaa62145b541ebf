namespace WorkersPower.Decisions.Ballots;

/// <summary>putToVote: whoever runs the meeting puts a motion, or one of its amendments, to a yes/no/abstain ballot.</summary>
[Description("What to put to the vote (a motion or an amendment: one of the two) and how.")]
public sealed record PutToVoteInput(
    [property: Id, Description("The motion's global id (to vote on the motion itself).")] string? MotionId,
    [property: Id, Description("The amendment's global id (to vote on an amendment).")] string? AmendmentId,
    [property: Description("SECRET (receipts, nobody can link a voter to their ballot) or RECORDED (each vote with its voter's name).")] VoteSecrecy Secrecy,
    [property: Description("Whether voters may replace their vote until the close (default false).")] bool? AllowChanges,
    [property: Description("The share of the electorate, 0 to 1, that must vote for the result to stand (default 0).")] double? Quorum,
    [property: Description("When it opens by itself (in the future); omitted: when the chair opens it.")] DateTimeOffset? OpensAt,
    [property: Description("When it closes by itself (after the opening); omitted: when the chair closes it.")] DateTimeOffset? ClosesAt,
    [property: Description("When given (0 to 24), members more whole months in arrears than this when it opens may not vote.")] int? MaxMonthsInArrears);

public sealed record PutToVote(Guid MotionId, Guid? AmendmentId, BallotSettings Settings, Caller Actor)
{
    /// <summary>
    /// The rules, for an open meeting run by the caller (<see cref="Meeting.MayBeRunBy"/>): amendments in order (an
    /// amendment only once seconded and every earlier one decided), the motion only once seconded and all its amendments
    /// decided; the settings' rules (<see cref="BallotSettings.Validate"/>). The ballot is defined (MOTION: YES, NO,
    /// ABSTAIN) and the motion or the amendment is VOTING.
    /// </summary>
    public Decision Decide(Motion? motion, Meeting? meeting, Guid ballotId, DateTimeOffset now)
    {
        var amendment = AmendmentId is { } a ? motion?.Amendment(a) : null;
        if (motion is null || meeting is null || (AmendmentId is not null && amendment is null))
            return Decision.Refuse(AmendmentId is null ? MotionRules.NoSuchMotion : MotionRules.NoSuchAmendment);
        if (!meeting.MayBeRunBy(Actor)) return Decision.Deny(MeetingRules.MayNotRun);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        var rules = new TextRules();
        Settings.Validate(rules, now);
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (!motion.Pending) return Decision.Refuse(MotionRules.NotPending);
        if (amendment is not null)
        {
            if (amendment.Status != MotionStatus.Seconded)
                return Decision.Refuse(UserError.InvalidState(amendment.Pending ? "The amendment has not been seconded yet." : "The amendment has been put to the vote or decided."));
            if (motion.Amendments.FirstOrDefault(e => e.Order < amendment.Order && !e.Decided) is { } earlier)
                return Decision.Refuse(UserError.InvalidState($"Amendment {earlier.Order} comes first: it must be decided before this one is put."));
        }
        else
        {
            if (motion.Status != MotionStatus.Seconded) return Decision.Refuse(UserError.InvalidState("The motion has not been seconded yet."));
            if (motion.Amendments.FirstOrDefault(e => !e.Decided) is { } open)
                return Decision.Refuse(UserError.InvalidState($"Amendment {open.Order} must be decided before the motion is put."));
        }
        var title = amendment is null ? motion.Title : $"Amendment {amendment.Order} to \"{motion.Title}\"";
        return Decision.Accept(
            Settings.Created(ballotId, meeting, title, BallotKind.Motion, MotionOptions.All, 1, motion.Id, amendment?.Id, Actor, now),
            new MotionPutToVote(motion.Id, amendment?.Id, ballotId, now));
    }
}

public static class PutToVoteHandler
{
    /// <summary>The ballot's stream starts and the motion's gets MotionPutToVote in one transaction, with the ballot's scheduled opening and close.</summary>
    public static async Task<(CommandResult, OutgoingMessages)> Handle(PutToVote command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Motion>(command.MotionId, ct);
        var meeting = stream.Aggregate is { } motion ? await session.LoadAsync<Meeting>(motion.MeetingId, ct) : null;
        var ballotId = Guid.CreateVersion7();
        var decision = command.Decide(stream.Aggregate, meeting, ballotId, clock.GetUtcNow());
        if (decision.Events.Count == 0) return (decision.ToResult(ballotId), new OutgoingMessages());
        session.Events.StartStream<Ballot>(ballotId, [.. decision.Events.OfType<BallotCreated>()]);
        stream.AppendMany(decision.Events.OfType<MotionPutToVote>());
        return (decision.ToResult(ballotId), BallotSettings.Outgoing(decision.Events));
    }
}

internal sealed class PutToVoteField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BallotPayloadType, AutoRegisteringInputObjectGraphType<PutToVoteInput>>("putToVote",
                "Put a motion or an amendment to a yes/no/abstain ballot (the meeting's chair, convenor, an organiser of its scope or an admin; others FORBIDDEN). " +
                "Amendments go in the order submitted, each once seconded and every earlier one decided; the motion once seconded and all its amendments decided.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<PutToVoteInput>();
                if ((input.MotionId is null) == (input.AmendmentId is null))
                    return BallotPayload.Refused(UserError.Validation("input.motionId", "Give the motion or the amendment to put to the vote, one of the two."));
                var settings = new BallotSettings(input.Secrecy, input.AllowChanges ?? false, (decimal)(input.Quorum ?? 0), input.OpensAt, input.ClosesAt, input.MaxMonthsInArrears);
                if (input.MotionId is { } m)
                    return GlobalId.TryDecode(m, MotionType.TypeName) is { } motion
                        ? await BallotPayload.RunAsync(ctx, new PutToVote(motion, null, settings, ctx.Caller()))
                        : BallotPayload.Refused(MotionRules.NoSuchMotion);
                await using var session = ctx.Session();
                return GlobalId.TryDecode(input.AmendmentId, AmendmentType.TypeName) is { } amendment
                    && await MotionLookup.OfAmendmentAsync(session, amendment, ctx.CancellationToken) is { } of
                    ? await BallotPayload.RunAsync(ctx, new PutToVote(of, amendment, settings, ctx.Caller()))
                    : BallotPayload.Refused(MotionRules.NoSuchAmendment);
            });
}
