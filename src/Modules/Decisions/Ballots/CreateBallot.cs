namespace WorkersPower.Decisions.Ballots;

/// <summary>createBallot: whoever runs the meeting defines a choice of one among options, or an election by single transferable vote.</summary>
[Description("A new ballot of a meeting: a choice of one among options, or an election by single transferable vote.")]
public sealed record CreateBallotInput(
    [property: Id, Description("The meeting's global id.")] string MeetingId,
    [property: Description("What is being decided, one line of 3 to 200 characters.")] string Title,
    [property: Description("CHOICE or STV (a motion's ballot is made by putToVote).")] BallotKind Kind,
    [property: Description("CHOICE: the options (2 to 20); STV: the candidates (2 to 50); each one line of up to 200 characters, all different.")] IReadOnlyList<string> Options,
    [property: Description("STV: how many seats to fill (1 to one fewer than the candidates; default 1); CHOICE: 1 or omitted.")] int? Seats,
    [property: Description("SECRET (receipts, nobody can link a voter to their ballot) or RECORDED (each vote with its voter's name).")] VoteSecrecy Secrecy,
    [property: Description("Whether voters may replace their vote until the close (default false).")] bool? AllowChanges,
    [property: Description("The share of the electorate, 0 to 1, that must vote for the result to stand (default 0).")] double? Quorum,
    [property: Description("When it opens by itself (in the future); omitted: when the chair opens it.")] DateTimeOffset? OpensAt,
    [property: Description("When it closes by itself (after the opening); omitted: when the chair closes it.")] DateTimeOffset? ClosesAt,
    [property: Description("When given (0 to 24), members more whole months in arrears than this when it opens may not vote.")] int? MaxMonthsInArrears);

public sealed record CreateBallot(Guid MeetingId, string Title, BallotKind Kind, IReadOnlyList<string> Options, int? Seats, BallotSettings Settings, Caller Actor)
{
    public const int MaxChoiceOptions = 20;
    public const int MaxCandidates = 50;

    /// <summary>
    /// The rules, for an open meeting run by the caller (<see cref="Meeting.MayBeRunBy"/>): CHOICE or STV only; a title
    /// of one line, 3 to 200; CHOICE 2 to 20 options, STV 2 to 50 candidates, each one line of up to 200 characters and
    /// all different (ignoring case); STV seats 1 to one fewer than the candidates, CHOICE one; the settings' rules.
    /// </summary>
    public Decision Decide(Meeting? meeting, Guid ballotId, DateTimeOffset now)
    {
        if (meeting is null) return Decision.Refuse(MeetingRules.NoSuchMeeting());
        if (!meeting.MayBeRunBy(Actor)) return Decision.Deny(MeetingRules.MayNotRun);
        if (meeting.Status != MeetingStatus.Open) return Decision.Refuse(MeetingRules.Closed);
        var rules = new TextRules();
        MeetingRules.Line(rules, "title", Title, 3, 200, "The title");
        var options = Options.Select(o => o.Trim()).ToList();
        var seats = Seats ?? 1;
        if (Kind == BallotKind.Motion) rules.Fail("kind", "A motion's ballot is made by putting the motion to the vote (putToVote).");
        else
        {
            var (label, max) = Kind == BallotKind.Stv ? ("candidates", MaxCandidates) : ("options", MaxChoiceOptions);
            if (options.Count < 2 || options.Count > max) rules.Fail("options", $"Give 2 to {max} {label}.");
            else if (options.FirstOrDefault(o => o.Length == 0 || o.Length > 200 || !TextInput.IsText(o)) is not null)
                rules.Fail("options", $"Each of the {label} is one line of 1 to 200 characters.");
            else if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count) rules.Fail("options", $"The {label} must all be different.");
            if (Kind == BallotKind.Stv && (seats < 1 || seats >= Math.Max(options.Count, 2))) rules.Fail("seats", "Seats must be at least 1 and fewer than the candidates.");
            if (Kind == BallotKind.Choice && seats != 1) rules.Fail("seats", "A choice elects one option: seats must be 1.");
        }
        Settings.Validate(rules, now);
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        return Decision.Accept(Settings.Created(ballotId, meeting, Title.Trim(), Kind, options, seats, null, null, Actor, now));
    }
}

public static class CreateBallotHandler
{
    public static async Task<(CommandResult, OutgoingMessages)> Handle(CreateBallot command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await session.LoadAsync<Meeting>(command.MeetingId, ct);
        var ballotId = Guid.CreateVersion7();
        var decision = command.Decide(meeting, ballotId, clock.GetUtcNow());
        if (decision.Events.Count == 0) return (decision.ToResult(ballotId), new OutgoingMessages());
        session.Events.StartStream<Ballot>(ballotId, [.. decision.Events]);
        return (decision.ToResult(ballotId), BallotSettings.Outgoing(decision.Events));
    }
}

internal sealed class CreateBallotField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<BallotPayloadType, AutoRegisteringInputObjectGraphType<CreateBallotInput>>("createBallot",
                "Define a ballot of an open meeting: a choice of one among options, or an election by single transferable vote (the meeting's chair, convenor, an organiser of its scope or an admin; others FORBIDDEN).")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<CreateBallotInput>();
                if (GlobalId.TryDecode(input.MeetingId, MeetingType.TypeName) is not { } meeting) return BallotPayload.Refused(MeetingRules.NoSuchMeeting());
                var settings = new BallotSettings(input.Secrecy, input.AllowChanges ?? false, (decimal)(input.Quorum ?? 0), input.OpensAt, input.ClosesAt, input.MaxMonthsInArrears);
                return await BallotPayload.RunAsync(ctx, new CreateBallot(meeting, input.Title, input.Kind, input.Options, input.Seats, settings, ctx.Caller()));
            });
}
