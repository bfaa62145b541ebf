namespace WorkersPower.Decisions.Ballots;

[Description("MOTION: yes, no or abstain on a motion or an amendment; CHOICE: one among options; STV: an election by single transferable vote (Scottish STV rules) for one or more seats.")]
public enum BallotKind
{
    Motion,
    Choice,
    Stv,
}

[Description("SCHEDULED: defined, not yet open; OPEN: taking votes; CLOSED: counted and its result published.")]
public enum BallotStatus
{
    Scheduled,
    Open,
    Closed,
}

[Description("SECRET: nobody can link a voter to their ballot, each voter gets a receipt and the results list every ballot by receipt; RECORDED: each vote is shown with its voter's name to the scope's members.")]
public enum VoteSecrecy
{
    Secret,
    Recorded,
}

/// <summary>The options of a MOTION ballot, in order.</summary>
public static class MotionOptions
{
    public const string Yes = "YES";
    public const string No = "NO";
    public const string Abstain = "ABSTAIN";
    public static readonly IReadOnlyList<string> All = [Yes, No, Abstain];
}

/// <summary>
/// A ballot is defined (by createBallot, or by putToVote for a motion or an amendment). It belongs to a meeting and
/// takes the meeting's scope; its electorate is frozen when it opens.
/// </summary>
/// <param name="BranchId">The meeting's branch (null: the whole organisation).</param>
/// <param name="MotionId">The motion it decides (MOTION ballots put by putToVote).</param>
/// <param name="AmendmentId">The amendment it decides (then MotionId is the amendment's motion).</param>
/// <param name="Quorum">The share of the electorate that must vote for the result to stand (0 to 1).</param>
/// <param name="MaxMonthsInArrears">When given, members more months in arrears than this at the cut-off may not vote.</param>
public sealed record BallotCreated(Guid BallotId, Guid MeetingId, Guid? BranchId, string Title, BallotKind Kind, VoteSecrecy Secrecy,
    IReadOnlyList<string> Options, int Seats, bool AllowChanges, decimal Quorum, int? MaxMonthsInArrears,
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, Guid? MotionId, Guid? AmendmentId, Guid By, DateTimeOffset At);

/// <summary>
/// Told by the ballots when a ballot about a motion or an amendment closes (handled by the motions): whether it was
/// carried (quorate, and more YES than NO).
/// </summary>
public sealed record BallotDecided(Guid BallotId, Guid? MotionId, Guid? AmendmentId, bool Carried);

/// <summary>
/// The ballot opened: its electorate was frozen at <paramref name="CutOff"/> (the member ids are in the
/// <see cref="BallotElectorate"/> document, not in the event). <paramref name="By"/>: null when it opened on schedule.
/// </summary>
public sealed record BallotOpened(Guid BallotId, DateTimeOffset CutOff, int ElectorateSize, Guid? By, DateTimeOffset At);

/// <summary>The ballot closed and was counted (the result is the <see cref="BallotResult"/> document). <paramref name="By"/>: null on schedule.</summary>
public sealed record BallotClosed(Guid BallotId, int Turnout, bool Quorate, Guid? By, DateTimeOffset At);

/// <summary>
/// A vote of a RECORDED ballot, with its voter (public to the scope by design); <paramref name="CastBy"/> is the proxy
/// holder when they voted for the voter. A later one of the same voter replaces it (when the ballot allows changes).
/// Never recorded for a SECRET ballot: those votes go to the roll and the box (<see cref="VoteStore"/>).
/// </summary>
public sealed record VoteRecorded(Guid BallotId, Guid VoterMemberId, Guid CastBy, IReadOnlyList<string> Choice, DateTimeOffset At);

/// <summary>A ballot (an inline projection of its stream; the votes are never in it).</summary>
public sealed class Ballot
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public Guid MeetingId { get; set; }
    public Guid? BranchId { get; set; }
    public string Title { get; set; } = "";
    public BallotKind Kind { get; set; }
    public VoteSecrecy Secrecy { get; set; }
    public List<string> Options { get; set; } = [];
    public int Seats { get; set; } = 1;
    public bool AllowChanges { get; set; }
    public decimal Quorum { get; set; }
    public int? MaxMonthsInArrears { get; set; }
    public DateTimeOffset? OpensAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public Guid? MotionId { get; set; }
    public Guid? AmendmentId { get; set; }
    public BallotStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it opened: the instant its electorate was frozen at.</summary>
    public DateTimeOffset? CutOff { get; set; }

    /// <summary>How many members may vote (once open).</summary>
    public int? ElectorateSize { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Orders lists (a meeting's ballots in the order defined).</summary>
    public long Sequence { get; set; }
}

public sealed class BallotProjection : SingleStreamProjection<Ballot, Guid>
{
    public static Ballot Create(BallotCreated e) => new()
    {
        Id = e.BallotId,
        MeetingId = e.MeetingId,
        BranchId = e.BranchId,
        Title = e.Title,
        Kind = e.Kind,
        Secrecy = e.Secrecy,
        Options = [.. e.Options],
        Seats = e.Seats,
        AllowChanges = e.AllowChanges,
        Quorum = e.Quorum,
        MaxMonthsInArrears = e.MaxMonthsInArrears,
        OpensAt = e.OpensAt,
        ClosesAt = e.ClosesAt,
        MotionId = e.MotionId,
        AmendmentId = e.AmendmentId,
        Status = BallotStatus.Scheduled,
        CreatedAt = e.At,
        Sequence = Sequences.Next(e.At),
    };

    public static void Apply(BallotOpened e, Ballot b)
    {
        b.Status = BallotStatus.Open;
        b.CutOff = e.CutOff;
        b.ElectorateSize = e.ElectorateSize;
    }

    public static void Apply(BallotClosed e, Ballot b)
    {
        b.Status = BallotStatus.Closed;
        b.ClosedAt = e.At;
    }
}
