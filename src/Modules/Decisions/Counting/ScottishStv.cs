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
        return new StvCount(seats, candidates, papers, LotOrder(seats, candidates, papers)).Run();
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
