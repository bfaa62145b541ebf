namespace WorkersPower.Decisions.Counting;

/// <summary>A count's result: who was elected, in order of election, and every round of the count.</summary>
public sealed record StvResult(IReadOnlyList<string> Elected, IReadOnlyList<StvRoundResult> Rounds)
{
    /// <summary>The number of valid ballot papers counted.</summary>
    public int ValidVotes { get; init; }

    /// <summary>The Droop quota: the valid votes divided by one more than the seats, ignoring the fraction, plus one.</summary>
    public int Quota { get; init; }

    /// <summary>True when a tie at some round was broken by the reproducible lot (see <see cref="ScottishStv"/>).</summary>
    public bool LotUsed { get; init; }
}

/// <summary>One round (stage) of a count: each continuing candidate's votes after it, who was elected and excluded in
/// it, and a note in words (e.g. "Surplus of Smith transferred", "Jones excluded").</summary>
public sealed record StvRoundResult(int Number, IReadOnlyList<(string Candidate, decimal Votes)> Tallies,
    IReadOnlyList<string> Elected, IReadOnlyList<string> Excluded, string Note)
{
    /// <summary>The votes credited at the end of the round to each candidate deemed elected in or before it, in order
    /// of election (an elected candidate whose surplus has been transferred keeps the quota).</summary>
    public IReadOnlyList<(string Candidate, decimal Votes)> ElectedTallies { get; init; } = [];

    /// <summary>The value, at the end of the round and counted from the start, of the ballot papers set aside as
    /// non-transferable (no next available preference for a continuing candidate), each at the value it would have
    /// been transferred at.</summary>
    public decimal NonTransferable { get; init; }

    /// <summary>The votes lost, counted from the start, because transfer values are truncated to five decimal places.
    /// The tallies, the elected tallies, <see cref="NonTransferable"/> and this add up to the valid votes exactly.</summary>
    public decimal LostToTruncation { get; init; }

    /// <summary>What the round did: counted first preferences, transferred a surplus, or excluded a candidate.</summary>
    public StvRoundKind Kind { get; init; }
}

/// <summary>What a round of a count did.</summary>
public enum StvRoundKind
{
    /// <summary>The first stage: first preferences counted (rule 45).</summary>
    FirstPreferences,

    /// <summary>An elected candidate's surplus transferred (rules 48 and 49).</summary>
    Surplus,

    /// <summary>The lowest continuing candidate excluded and their papers transferred (rules 50 and 51).</summary>
    Exclusion,
}
