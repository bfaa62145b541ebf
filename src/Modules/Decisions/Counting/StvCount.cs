namespace WorkersPower.Decisions.Counting;

/// <summary>One count in progress: the state the rules act on.</summary>
internal sealed class StvCount
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

    public StvCount(int seats, IReadOnlyList<string> names, List<int[]> papers, int[] lot)
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

    /// <summary>Rule 47: everyone at or over the quota is deemed elected. They are listed with the most votes first
    /// (then in ballot order: the listing decides nothing, the order of equal surpluses is decided by rule 49).</summary>
    private List<int> ElectThoseAtQuota()
    {
        var order = InListingOrder(Continuing().Where(c => _votes[c] >= _quota));
        foreach (var c in order)
        {
            _state[c] = State.Elected;
            _elected.Add(c);
            if (_votes[c] > _quota) _surplusPending.Add(c);
        }
        return order;
    }

    private List<int> InListingOrder(IEnumerable<int> candidates) =>
        candidates.OrderByDescending(c => _votes[c]).ThenBy(c => c).ToList();

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
            var filling = InListingOrder(continuing);
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
            Continuing().Select(c => (_names[c], Five(_votes[c]))).ToList(),
            elected.Select(c => _names[c]).ToList(),
            excluded.Select(c => _names[c]).ToList(),
            string.Join("; ", notes))
        {
            ElectedTallies = _elected.Select(c => (_names[c], Five(_votes[c]))).ToList(),
            NonTransferable = Five(_nonTransferable),
            LostToTruncation = Five(_lost),
            Kind = kind,
        });
    }

    /// <summary>The same value written with five decimal places (6 becomes 6.00000), as results sheets show votes.</summary>
    private static decimal Five(decimal votes) => votes + 0.00000m;

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
