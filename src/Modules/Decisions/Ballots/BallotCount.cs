namespace WorkersPower.Decisions.Ballots;

/// <summary>How many votes an option got.</summary>
public sealed record OptionCount(string Option, int Votes);

/// <summary>One stage of an STV count as published: each continuing candidate's votes, who was elected and excluded, a note.</summary>
public sealed record StvRound(int Number, IReadOnlyList<StvTally> Tallies, IReadOnlyList<string> Elected, IReadOnlyList<string> Excluded, string Note);

public sealed record StvTally(string Candidate, decimal Votes);

/// <summary>A RECORDED ballot's vote as published: the voter and their choice.</summary>
public sealed record RecordedChoice(Guid VoterMemberId, IReadOnlyList<string> Choice);

/// <summary>
/// A closed ballot's published result (a document, id = the ballot's id, written by the close): the counts, the outcome,
/// the STV rounds, and every ballot: by receipt, sorted by receipt, for a SECRET ballot (so each voter can find theirs and
/// anyone can recount); by voter for a RECORDED one.
/// </summary>
public sealed class BallotResult
{
    public Guid Id { get; set; }
    public bool Quorate { get; set; }
    public int Turnout { get; set; }
    public int ElectorateSize { get; set; }
    public List<OptionCount> Counts { get; set; } = [];
    public bool? Carried { get; set; }
    public List<string> Elected { get; set; } = [];
    public List<StvRound> Rounds { get; set; } = [];
    public List<BoxedBallot> Ballots { get; set; } = [];
    public List<RecordedChoice> Votes { get; set; } = [];
}

/// <summary>The count (pure): what anyone recounting the published ballots must find.</summary>
public static class BallotCount
{
    /// <summary>
    /// Counts the choices: quorate when turnout is at least quorum × electorate; MOTION: counts and carried (quorate and
    /// more YES than NO); CHOICE: counts and the one option with the most votes (none on a tie, none when inquorate);
    /// STV: Scottish STV (<see cref="ScottishStv"/>) with its rounds, when quorate and there are ballots (no counts by option:
    /// the first round's tallies are the first preferences).
    /// </summary>
    public static BallotResult Count(Ballot ballot, int electorateSize, int turnout, IReadOnlyList<IReadOnlyList<string>> choices)
    {
        var quorate = turnout >= ballot.Quorum * electorateSize;
        var result = new BallotResult { Id = ballot.Id, Quorate = quorate, Turnout = turnout, ElectorateSize = electorateSize };
        if (ballot.Kind != BallotKind.Stv)
        {
            result.Counts = [.. ballot.Options.Select(o => new OptionCount(o, choices.Count(c => c.Count == 1 && c[0] == o)))];
            if (ballot.Kind == BallotKind.Motion)
                result.Carried = quorate && Votes(result, MotionOptions.Yes) > Votes(result, MotionOptions.No);
            else if (quorate && result.Counts.Count > 0)
            {
                var most = result.Counts.Max(c => c.Votes);
                var top = result.Counts.Where(c => c.Votes == most).ToList();
                if (most > 0 && top.Count == 1) result.Elected = [top[0].Option];
            }
            return result;
        }
        if (!quorate || choices.Count == 0) return result;
        var count = ScottishStv.Count(Math.Min(ballot.Seats, ballot.Options.Count), ballot.Options, choices);
        result.Elected = [.. count.Elected];
        result.Rounds = [.. count.Rounds.Select(r => new StvRound(r.Number, [.. r.Tallies.Select(t => new StvTally(t.Candidate, t.Votes))], [.. r.Elected], [.. r.Excluded], r.Note))];
        return result;
    }

    private static int Votes(BallotResult result, string option) => result.Counts.FirstOrDefault(c => c.Option == option)?.Votes ?? 0;
}
