namespace WorkersPower.Decisions.Counting;

/// <summary>A count's result: who was elected, in order of election, and every round of the count.</summary>
public sealed record StvResult(IReadOnlyList<string> Elected, IReadOnlyList<StvRoundResult> Rounds);

/// <summary>One round (stage) of a count: each continuing candidate's votes after it, who was elected and excluded in
/// it, and a note in words (e.g. "Surplus of Smith transferred", "Jones excluded").</summary>
public sealed record StvRoundResult(int Number, IReadOnlyList<(string Candidate, decimal Votes)> Tallies,
    IReadOnlyList<string> Elected, IReadOnlyList<string> Excluded, string Note);
