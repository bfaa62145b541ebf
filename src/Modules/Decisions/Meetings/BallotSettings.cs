namespace WorkersPower.Decisions.Meetings;

/// <summary>
/// What every ballot a meeting defines is given (putToVote and createBallot): secrecy, changes, quorum, times and the
/// arrears limit, with their rules and the durable messages that open and close it at its times.
/// </summary>
public sealed record BallotSettings(VoteSecrecy Secrecy, bool AllowChanges, decimal Quorum, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    int? MaxMonthsInArrears)
{
    public const int MaxArrears = 24;

    /// <summary>Quorum 0 to 1; times in the future, the close after the opening; 0 to 24 months in arrears.</summary>
    public void Validate(TextRules rules, DateTimeOffset now)
    {
        if (Quorum is < 0 or > 1) rules.Fail("quorum", "The quorum is a share of the electorate, between 0 and 1.");
        if (OpensAt is { } opens && opens <= now) rules.Fail("opensAt", "The opening must be in the future.");
        if (ClosesAt is { } closes && closes <= now) rules.Fail("closesAt", "The close must be in the future.");
        else if (ClosesAt is { } c && OpensAt is { } o && c <= o) rules.Fail("closesAt", "The close must come after the opening.");
        if (MaxMonthsInArrears is < 0 or > MaxArrears) rules.Fail("maxMonthsInArrears", $"Months in arrears must be between 0 and {MaxArrears}.");
    }

    /// <summary>The ballot's definition.</summary>
    public BallotCreated Created(Guid ballotId, Meeting meeting, string title, BallotKind kind, IReadOnlyList<string> options, int seats,
        Guid? motionId, Guid? amendmentId, Caller by, DateTimeOffset now) =>
        new(ballotId, meeting.Id, meeting.BranchId, title, kind, Secrecy, options, seats, AllowChanges, Quorum, MaxMonthsInArrears,
            OpensAt, ClosesAt, motionId, amendmentId, by.AccountId, now);

    /// <summary>The messages that open and close the ballot by itself at its times (none for times not given).</summary>
    public static IReadOnlyList<(object Message, DateTimeOffset At)> Schedule(BallotCreated created)
    {
        var schedule = new List<(object, DateTimeOffset)>();
        if (created.OpensAt is { } opens) schedule.Add((new OpenBallot(created.BallotId), opens));
        if (created.ClosesAt is { } closes) schedule.Add((new CloseBallot(created.BallotId), closes));
        return schedule;
    }

    /// <summary>The outbox's copy of <see cref="Schedule"/>: durable scheduled messages, sent in the definition's transaction.</summary>
    public static OutgoingMessages Outgoing(IEnumerable<object> events)
    {
        var outgoing = new OutgoingMessages();
        foreach (var created in events.OfType<BallotCreated>())
            foreach (var (message, at) in Schedule(created))
                outgoing.Add(message switch
                {
                    OpenBallot open => open.ScheduledAt(at),
                    CloseBallot close => close.ScheduledAt(at),
                    _ => throw new InvalidOperationException("Only the opening and the close are scheduled."),
                });
        return outgoing;
    }
}
