using System.Security.Cryptography;
using System.Text;

namespace WorkersPower.Decisions.Counting;

/// <summary>
/// The single transferable vote counted by the rules of the Scottish Local Government Elections Order 2007
/// (SSI 2007/42, Schedule 1, rules 45 to 52; https://www.legislation.gov.uk/ssi/2007/42/contents/made):
/// <list type="bullet">
/// <item>Rule 46, the quota: the valid papers divided by one more than the seats, ignoring the fraction, plus one
/// (the Droop quota).</item>
/// <item>Rule 47: a candidate whose votes equal or exceed the quota at any stage is deemed elected.</item>
/// <item>Rules 48 and 49, surpluses: one surplus a stage, the largest first; every paper the elected candidate holds
/// (the weighted inclusive Gregory method) passes to its next available preference at the transfer value
/// surplus × (the paper's value when received) ÷ (the candidate's votes), calculated to five decimal places with any
/// remainder ignored. Papers with no next available preference are set aside as non-transferable.</item>
/// <item>Rules 50 and 51, exclusion: when no surplus is left to transfer, the continuing candidate with the fewest
/// votes is excluded and all their papers pass on at the value they arrived with.</item>
/// <item>Rule 52: when the continuing candidates are as many as the seats left, they are deemed elected and no
/// further transfer is made.</item>
/// <item>Ties (rules 49(2), 49(3), 51(2)): the candidates' votes at the end of the most recent earlier stage at which
/// they were unequal decide (the higher transfers first; the lower is excluded); if they were equal at every stage,
/// by lot.</item>
/// </list>
/// <para>
/// The lot is reproducible by anyone holding the published ballots: a digest is taken, with SHA-256, of the seats, the
/// candidates in their ballot order and the rankings (each written as the candidates' 1-based positions joined by
/// commas, the lines sorted so the order of the ballot box does not matter); each candidate draws the SHA-256 of that
/// digest followed by their name (UTF-8); the candidates are "drawn from the hat" in ascending order of those hashes.
/// Earlier drawn wins a lot: their surplus transfers first and, in an exclusion, the tied candidate drawn last is
/// excluded. Nobody can steer the draw without changing the ballots, and a recount reproduces it.
/// </para>
/// </summary>
public static class ScottishStv
{
    private const decimal Scale = 100_000m;

    /// <summary>
    /// Counts the ballots. Each ranking lists candidates in order of preference (first preference first) and may stop
    /// at any point; it must name at least one candidate, only candidates in <paramref name="candidates"/>, each once.
    /// </summary>
    /// <exception cref="ArgumentException">The seats are fewer than one or more than the candidates, a candidate is
    /// listed twice, or a ranking is empty, names an unknown candidate or names one twice.</exception>
    public static StvResult Count(int seats, IReadOnlyList<string> candidates, IReadOnlyList<IReadOnlyList<string>> rankings)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(rankings);
        var papers = Validate(seats, candidates, rankings);
        return new Count(seats, candidates, papers, LotOrder(seats, candidates, papers)).Run();
    }

    /// <summary>Truncates to five decimal places (rule 48(3): "any remainder being ignored"); values are never negative.</summary>
    internal static decimal Truncate5(decimal value) => decimal.Truncate(value * Scale) / Scale;

    /// <summary>The Droop quota of rule 46.</summary>
    public static int DroopQuota(int validVotes, int seats) => validVotes / (seats + 1) + 1;

    private static List<int[]> Validate(int seats, IReadOnlyList<string> candidates, IReadOnlyList<IReadOnlyList<string>> rankings)
    {
        if (candidates.Count == 0)
            throw new ArgumentException("There must be at least one candidate.", nameof(candidates));
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(candidates[i]))
                throw new ArgumentException($"Candidate {i + 1} has no name.", nameof(candidates));
            if (!index.TryAdd(candidates[i], i))
                throw new ArgumentException($"Candidate {i + 1} is listed twice.", nameof(candidates));
        }
        if (seats < 1 || seats > candidates.Count)
            throw new ArgumentException($"The seats must be between 1 and the number of candidates ({candidates.Count}).", nameof(seats));

        // Messages name a ranking by its position only: never a voter, never what was ranked.
        var papers = new List<int[]>(rankings.Count);
        for (var r = 0; r < rankings.Count; r++)
        {
            var ranking = rankings[r] ?? throw new ArgumentException($"Ranking {r + 1} is missing.", nameof(rankings));
            if (ranking.Count == 0)
                throw new ArgumentException($"Ranking {r + 1} names no candidate.", nameof(rankings));
            var prefs = new int[ranking.Count];
            var seen = new HashSet<int>();
            for (var p = 0; p < ranking.Count; p++)
            {
                if (ranking[p] is null || !index.TryGetValue(ranking[p], out var c))
                    throw new ArgumentException($"Ranking {r + 1} names a candidate who is not standing (preference {p + 1}).", nameof(rankings));
                if (!seen.Add(c))
                    throw new ArgumentException($"Ranking {r + 1} names the same candidate twice (preference {p + 1}).", nameof(rankings));
                prefs[p] = c;
            }
            papers.Add(prefs);
        }
        return papers;
    }

    /// <summary>The candidates' positions in the reproducible lot: 0 is drawn first.</summary>
    internal static int[] LotOrder(int seats, IReadOnlyList<string> candidates, IReadOnlyList<int[]> papers)
    {
        var lines = papers.Select(p => string.Join(',', p.Select(c => c + 1))).ToList();
        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append("seats ").Append(seats).Append('\n');
        foreach (var name in candidates)
            text.Append("candidate ").Append(Encoding.UTF8.GetByteCount(name)).Append(' ').Append(name).Append('\n');
        foreach (var line in lines)
            text.Append(line).Append('\n');
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));

        var draws = candidates
            .Select((name, i) => (Index: i, Hash: SHA256.HashData([.. digest, .. Encoding.UTF8.GetBytes(name)])))
            .OrderBy(d => Convert.ToHexString(d.Hash), StringComparer.Ordinal)
            .Select(d => d.Index)
            .ToList();
        var position = new int[candidates.Count];
        for (var i = 0; i < draws.Count; i++) position[draws[i]] = i;
        return position;
    }
}

/// <summary>One count in progress: the state the rules act on.</summary>
internal sealed class Count
{
    private enum State { Continuing, Elected, Excluded }

    /// <summary>Identical rankings at the same value travel together: a parcel of <c>Papers</c> ballot papers.</summary>
    private sealed record Parcel(int[] Preferences, int At, int Papers, decimal Value)
    {
        public decimal Votes => Papers * Value;
    }

    private readonly int _seats;
    private readonly IReadOnlyList<string> _names;
    private readonly int[] _lot;
    private readonly int _valid;
    private readonly int _quota;
    private readonly State[] _state;
    private readonly decimal[] _votes;
    private readonly List<Parcel>[] _parcels;
    private readonly List<int> _elected = [];
    private readonly HashSet<int> _surplusPending = [];
    private readonly List<decimal[]> _history = [];
    private readonly List<StvRoundResult> _rounds = [];
    private decimal _nonTransferable;
    private decimal _lost;
    private bool _lotUsed;

    public Count(int seats, IReadOnlyList<string> names, List<int[]> papers, int[] lot)
    {
        _seats = seats;
        _names = names;
        _lot = lot;
        _valid = papers.Count;
        _quota = ScottishStv.DroopQuota(_valid, seats);
        _state = new State[names.Count];
        _votes = new decimal[names.Count];
        _parcels = Enumerable.Range(0, names.Count).Select(_ => new List<Parcel>()).ToArray();

        // Rule 45: first preferences; identical rankings grouped into one parcel.
        foreach (var group in papers.GroupBy(p => string.Join(',', p), StringComparer.Ordinal))
        {
            var prefs = group.First();
            var parcel = new Parcel(prefs, 0, group.Count(), 1m);
            _parcels[prefs[0]].Add(parcel);
            _votes[prefs[0]] += parcel.Votes;
        }
    }

    public StvResult Run()
    {
        var elected = ElectThoseAtQuota();
        EndStage(StvRoundKind.FirstPreferences, elected, [], $"First preferences counted; the quota is {_quota}");

        while (_elected.Count < _seats)
        {
            if (_surplusPending.Count > 0)
            {
                var from = Highest(_surplusPending.ToList(), out var byLot);
                _surplusPending.Remove(from);
                TransferSurplus(from);
                elected = ElectThoseAtQuota();
                EndStage(StvRoundKind.Surplus, elected, [],
                    $"Surplus of {_names[from]} transferred" + (byLot ? " (which surplus first decided by lot)" : ""));
            }
            else
            {
                var lowest = Lowest(Continuing().ToList(), out var byLot);
                Exclude(lowest);
                elected = ElectThoseAtQuota();
                EndStage(StvRoundKind.Exclusion, elected, [lowest],
                    $"{_names[lowest]} excluded" + (byLot ? " (tied at every stage: chosen by lot)" : ""));
            }
        }

        return new StvResult(_elected.Select(c => _names[c]).ToList(), _rounds)
        {
            ValidVotes = _valid,
            Quota = _quota,
            LotUsed = _lotUsed,
        };
    }

    private IEnumerable<int> Continuing() =>
        Enumerable.Range(0, _names.Count).Where(c => _state[c] == State.Continuing);

    /// <summary>Rule 47: everyone at or over the quota is deemed elected, the most votes first.</summary>
    private List<int> ElectThoseAtQuota()
    {
        var reached = Continuing().Where(c => _votes[c] >= _quota).ToList();
        var order = new List<int>();
        while (reached.Count > 0)
        {
            var next = Highest(reached, out _);
            reached.Remove(next);
            order.Add(next);
        }
        foreach (var c in order)
        {
            _state[c] = State.Elected;
            _elected.Add(c);
            if (_votes[c] > _quota) _surplusPending.Add(c);
        }
        return order;
    }

    /// <summary>Rules 48 and 49: every paper of the candidate passes on at surplus × its value ÷ their votes, truncated.</summary>
    private void TransferSurplus(int from)
    {
        var total = _votes[from];
        var surplus = total - _quota;
        var moved = 0m;
        var setAside = 0m;
        foreach (var parcel in _parcels[from])
        {
            var value = ScottishStv.Truncate5(surplus * parcel.Value / total);
            var next = NextAvailable(parcel);
            if (next is null)
            {
                setAside += parcel.Papers * value;
                continue;
            }
            var passed = parcel with { At = next.Value.At, Value = value };
            _parcels[next.Value.Candidate].Add(passed);
            _votes[next.Value.Candidate] += passed.Votes;
            moved += passed.Votes;
        }
        _parcels[from].Clear();
        _votes[from] = _quota;
        _nonTransferable += setAside;
        _lost += surplus - moved - setAside;
    }

    /// <summary>Rule 50: the excluded candidate's papers pass on at the value they arrived with.</summary>
    private void Exclude(int candidate)
    {
        _state[candidate] = State.Excluded;
        foreach (var parcel in _parcels[candidate])
        {
            var next = NextAvailable(parcel);
            if (next is null)
            {
                _nonTransferable += parcel.Votes;
                continue;
            }
            var passed = parcel with { At = next.Value.At };
            _parcels[next.Value.Candidate].Add(passed);
            _votes[next.Value.Candidate] += passed.Votes;
        }
        _parcels[candidate].Clear();
        _votes[candidate] = 0m;
    }

    /// <summary>The next preference after the paper's current one for a continuing candidate, if there is one.</summary>
    private (int Candidate, int At)? NextAvailable(Parcel parcel)
    {
        for (var at = parcel.At + 1; at < parcel.Preferences.Length; at++)
            if (_state[parcel.Preferences[at]] == State.Continuing)
                return (parcel.Preferences[at], at);
        return null;
    }

    /// <summary>Ends a stage: rule 52 first (the continuing fill the seats left), then the round is recorded.</summary>
    private void EndStage(StvRoundKind kind, List<int> elected, List<int> excluded, string note)
    {
        var notes = new List<string> { note };
        if (elected.Count > 0)
            notes.Add($"{Names(elected)} elected");

        var left = _seats - _elected.Count;
        var continuing = Continuing().ToList();
        if (left > 0 && continuing.Count == left)
        {
            var filling = new List<int>();
            while (continuing.Count > 0)
            {
                var next = Highest(continuing, out _);
                continuing.Remove(next);
                filling.Add(next);
            }
            foreach (var c in filling)
            {
                _state[c] = State.Elected;
                _elected.Add(c);
            }
            elected = [.. elected, .. filling];
            notes.Add($"{Names(filling)} elected to fill the remaining seat{(filling.Count == 1 ? "" : "s")}");
        }

        _history.Add((decimal[])_votes.Clone());
        _rounds.Add(new StvRoundResult(
            _rounds.Count + 1,
            Continuing().Select(c => (_names[c], _votes[c])).ToList(),
            elected.Select(c => _names[c]).ToList(),
            excluded.Select(c => _names[c]).ToList(),
            string.Join("; ", notes))
        {
            ElectedTallies = _elected.Select(c => (_names[c], _votes[c])).ToList(),
            NonTransferable = _nonTransferable,
            LostToTruncation = _lost,
            Kind = kind,
        });
    }

    private string Names(List<int> candidates) => candidates.Count == 1
        ? _names[candidates[0]]
        : string.Join(", ", candidates.Take(candidates.Count - 1).Select(c => _names[c])) + " and " + _names[candidates[^1]];

    /// <summary>The candidate with the most votes now; ties by the most recent earlier stage at which the tied were
    /// unequal (rule 49(2)), then by lot (rule 49(3)).</summary>
    private int Highest(List<int> among, out bool byLot) => Pick(among, highest: true, out byLot);

    /// <summary>The candidate with the fewest votes now; ties by rule 51(2).</summary>
    private int Lowest(List<int> among, out bool byLot) => Pick(among, highest: false, out byLot);

    private int Pick(List<int> among, bool highest, out bool byLot)
    {
        byLot = false;
        var tied = Extremes(among, c => _votes[c], highest);
        // Look back, latest stage first, at the stages already recorded: keep those with the most (or fewest) votes at
        // the most recent stage at which they were unequal, and look further back if several remain.
        for (var stage = _history.Count - 1; stage >= 0 && tied.Count > 1; stage--)
        {
            var votes = _history[stage];
            tied = Extremes(tied, c => votes[c], highest);
        }
        if (tied.Count == 1) return tied[0];

        byLot = true;
        _lotUsed = true;
        // Drawn first wins: the highest is the first drawn, the lowest (excluded) the last drawn.
        return highest ? tied.MinBy(c => _lot[c]) : tied.MaxBy(c => _lot[c]);
    }

    private static List<int> Extremes(List<int> among, Func<int, decimal> votes, bool highest)
    {
        var best = highest ? among.Max(votes) : among.Min(votes);
        return among.Where(c => votes(c) == best).ToList();
    }
}
