using System.Security.Cryptography;
using System.Text;
using WorkersPower.Decisions.Counting;

namespace WorkersPower.Decisions.Tests.Counting;

/// <summary>The rules of the count one at a time (SSI 2007/42, Schedule 1, rules 45 to 52).</summary>
public sealed class ScottishStvRuleTests
{
    private static IReadOnlyList<IReadOnlyList<string>> Ballots(params (int Count, string[] Ranking)[] kinds) =>
        kinds.SelectMany(k => Enumerable.Repeat<IReadOnlyList<string>>(k.Ranking, k.Count)).ToList();

    private static decimal Tally(StvRoundResult round, string candidate) =>
        round.Tallies.Concat(round.ElectedTallies).Single(t => t.Candidate == candidate).Votes;

    [Theory]
    [InlineData(14_207, 4, 2_842)] // Edinburgh 2017, Almond
    [InlineData(4_000, 4, 801)] // the worked quota of http://saltire.net/votingsystem.htm: 4,000 ÷ 5 + 1
    [InlineData(5_000, 1, 2_501)] // Moray Council's one-seat example (5,000 valid votes), http://www.moray.gov.uk/moray_standard/page_68268.html
    [InlineData(3_484, 3, 872)] // Highland 2017, Ward 7 Tain and Easter Ross, its published quota
    [InlineData(20, 3, 6)]
    [InlineData(21, 3, 6)] // 5.25 → 5, plus one
    [InlineData(3, 1, 2)]
    [InlineData(0, 1, 1)]
    public void The_quota_is_the_valid_votes_over_seats_plus_one_ignoring_decimals_plus_one(int valid, int seats, int quota)
    {
        ScottishStv.DroopQuota(valid, seats).ShouldBe(quota);
        ScottishStv.Count(seats, Enumerable.Range(1, seats + 1).Select(i => $"C{i}").ToList(),
            Enumerable.Repeat<IReadOnlyList<string>>(["C1"], Math.Min(valid, 50)).ToList()).Quota
            .ShouldBe(ScottishStv.DroopQuota(Math.Min(valid, 50), seats));
    }

    [Fact]
    public void Transfer_values_are_truncated_to_five_places_not_rounded()
    {
        // 15 papers, 3 seats: quota 4. A's 12 papers carry 8 × 1 ÷ 12 = 0.666666… → 0.66666 (rounding would give 0.66667).
        var result = ScottishStv.Count(3, ["A", "B", "C", "D"], Ballots(
            (12, ["A", "B"]), (2, ["C"]), (1, ["D"])));

        var surplusOfA = result.Rounds[1];
        Tally(surplusOfA, "B").ShouldBe(12 * 0.66666m); // 7.99992, not 8.00004
        surplusOfA.LostToTruncation.ShouldBe(8m - 7.99992m);
        surplusOfA.Elected.ShouldBe(["B"]);

        // B's surplus 3.99992 on papers worth 0.66666: 3.99992 × 0.66666 ÷ 7.99992 = 0.333325… → 0.33332; no next preference.
        var surplusOfB = result.Rounds[2];
        surplusOfB.Note.ShouldBe("Surplus of B transferred");
        surplusOfB.NonTransferable.ShouldBe(12 * 0.33332m);
        surplusOfB.LostToTruncation.ShouldBe(0.00008m + (3.99992m - 12 * 0.33332m));

        result.Rounds[3].Note.ShouldBe("D excluded; C elected to fill the remaining seat");
        result.Elected.ShouldBe(["A", "B", "C"]);
    }

    [Fact]
    public void The_largest_surplus_is_transferred_first_whatever_the_order_of_the_candidates()
    {
        var result = ScottishStv.Count(3, ["B", "A", "C", "D"], Ballots(
            (6, ["B", "D"]), (9, ["A", "C"]), (1, ["C"]), (1, ["D"])));

        result.Quota.ShouldBe(5);
        result.Rounds[0].Elected.ShouldBe(["A", "B"]); // the most votes first
        result.Rounds[1].Note.ShouldBe("Surplus of A transferred"); // 4 before B's 1
        Tally(result.Rounds[1], "C").ShouldBe(1m + 9 * 0.44444m);
        result.Rounds[2].Note.ShouldBe("Surplus of B transferred");
        Tally(result.Rounds[2], "D").ShouldBe(1m + 6 * 0.16666m);
        result.Rounds[3].Excluded.ShouldBe(["D"]);
        result.Elected.ShouldBe(["A", "B", "C"]);
    }

    [Fact]
    public void A_larger_surplus_arising_later_goes_before_a_smaller_one_waiting()
    {
        // Quota 5. Stage 1 elects A (surplus 4) and B (surplus 1); A's surplus elects C with 7.99996 (surplus 2.99996),
        // which rule 49(1) transfers before B's older but smaller surplus.
        var result = ScottishStv.Count(4, ["A", "B", "C", "D", "E"], Ballots(
            (9, ["A", "C"]), (6, ["B", "E"]), (4, ["C", "D"]), (3, ["D"]), (2, ["E"])));

        result.Rounds.Select(r => r.Note).ShouldBe([
            "First preferences counted; the quota is 5; A and B elected",
            "Surplus of A transferred; C elected",
            "Surplus of C transferred",
            "Surplus of B transferred",
            "E excluded; D elected to fill the remaining seat",
        ]);
        Tally(result.Rounds[1], "C").ShouldBe(4m + 9 * 0.44444m);
        // C's own papers carry 2.99996 × 1 ÷ 7.99996 → 0.37499; the papers from A carry 2.99996 × 0.44444 ÷ 7.99996 →
        // 0.16666 and have no next preference.
        Tally(result.Rounds[2], "D").ShouldBe(3m + 4 * 0.37499m);
        result.Rounds[2].NonTransferable.ShouldBe(9 * 0.16666m);
        result.Elected.ShouldBe(["A", "B", "C", "D"]);
    }

    [Fact]
    public void Excluded_papers_pass_on_at_the_value_they_arrived_with()
    {
        // Quota 8. A's surplus of 2 on 10 papers: 0.2 each. C then is excluded: its papers from A go to D at 0.2, its own at 1.
        var result = ScottishStv.Count(2, ["A", "B", "C", "D"], Ballots(
            (10, ["A", "C", "D"]), (5, ["B"]), (1, ["C", "D"]), (5, ["D"])));

        result.Quota.ShouldBe(8);
        Tally(result.Rounds[1], "C").ShouldBe(1m + 10 * 0.2m);
        result.Rounds[2].Excluded.ShouldBe(["C"]);
        Tally(result.Rounds[2], "D").ShouldBe(5m + 1m + 10 * 0.2m);
        result.Rounds[2].Elected.ShouldBe(["D"]);
        result.Elected.ShouldBe(["A", "D"]);
    }

    [Fact]
    public void When_the_continuing_candidates_equal_the_seats_left_they_are_elected_without_further_transfers()
    {
        var result = ScottishStv.Count(3, ["Ann", "Bob", "Cara", "Dan"], Ballots(
            (10, ["Ann", "Bob"]), (2, ["Bob"]), (3, ["Cara"]), (2, ["Dan"])));

        // Quota 5: Ann elected; her surplus puts Bob over the quota too; Cara and Dan are still two for the last seat,
        // so Bob's surplus moves on; then Dan (fewest) is excluded and Cara fills the seat.
        result.Rounds[0].Elected.ShouldBe(["Ann"]);
        result.Rounds[1].Elected.ShouldBe(["Bob"]);
        result.Rounds[2].Note.ShouldBe("Surplus of Bob transferred"); // seats remain, so the surplus moves (rule 48(1))
        result.Rounds[3].Note.ShouldBe("Dan excluded; Cara elected to fill the remaining seat");

        var four = ScottishStv.Count(4, ["Ann", "Bob", "Cara", "Dan", "Eve"], Ballots(
            (10, ["Ann", "Bob"]), (2, ["Bob"]), (3, ["Cara"]), (2, ["Dan"]), (1, ["Eve"])));
        four.Rounds[^1].Note.ShouldBe("Eve excluded; Cara and Dan elected to fill the remaining seats");
        four.Rounds[^1].Kind.ShouldBe(StvRoundKind.Exclusion);
        four.Elected.ShouldBe(["Ann", "Bob", "Cara", "Dan"]);

        // Rule 52(2): once the continuing fill the seats left, no further transfer is made, even of a surplus.
        var noTransfer = ScottishStv.Count(3, ["Ann", "Bob", "Cara"], Ballots((10, ["Ann", "Bob"]), (1, ["Bob"]), (1, ["Cara"])));
        noTransfer.Rounds.Count.ShouldBe(1);
        noTransfer.Rounds[0].Note.ShouldBe("First preferences counted; the quota is 4; Ann elected; Bob and Cara elected to fill the remaining seats");
        noTransfer.Rounds[0].ElectedTallies.ShouldBe([("Ann", 10m), ("Bob", 1m), ("Cara", 1m)]);
        noTransfer.LotUsed.ShouldBeFalse();

        var unopposed = ScottishStv.Count(2, ["Cara", "Dan"], Ballots((3, ["Dan"]), (1, ["Cara"])));
        unopposed.Rounds.Count.ShouldBe(1);
        unopposed.Rounds[0].Note.ShouldBe("First preferences counted; the quota is 2; Dan elected; Cara elected to fill the remaining seat");
        unopposed.Elected.ShouldBe(["Dan", "Cara"]);
    }

    [Fact]
    public void A_tie_for_exclusion_is_broken_by_the_most_recent_stage_at_which_the_tied_were_unequal()
    {
        // Quota 5. A's surplus of 5 on 10 papers at 0.5: two go to C, who then ties B at 2; at stage 1 B had 2, C 1.
        var result = ScottishStv.Count(2, ["A", "B", "C"], Ballots(
            (2, ["A", "C"]), (8, ["A"]), (2, ["B"]), (1, ["C"])));

        Tally(result.Rounds[1], "B").ShouldBe(2m);
        Tally(result.Rounds[1], "C").ShouldBe(2m);
        result.Rounds[2].Excluded.ShouldBe(["C"]);
        result.Rounds[2].Note.ShouldBe("C excluded; B elected to fill the remaining seat");
        result.LotUsed.ShouldBeFalse();
    }

    [Fact]
    public void A_tie_at_every_stage_is_broken_by_the_documented_reproducible_lot()
    {
        var outcomes = new HashSet<string>();
        foreach (var names in new[] { ("Ann", "Bob"), ("Cara", "Dan"), ("Eve", "Fay"), ("Gil", "Hal"), ("Ivy", "Jo") })
        {
            string[] candidates = [names.Item1, names.Item2];
            var ballots = Ballots((3, [names.Item1, names.Item2]), (3, [names.Item2, names.Item1]));

            var result = ScottishStv.Count(1, candidates, ballots);

            result.LotUsed.ShouldBeTrue();
            var expectedExcluded = DrawnLast(1, candidates, ballots);
            result.Rounds[1].Excluded.ShouldBe([expectedExcluded]);
            result.Rounds[1].Note.ShouldStartWith($"{expectedExcluded} excluded (tied at every stage: chosen by lot)");
            result.Elected.ShouldBe([candidates.Single(c => c != expectedExcluded)]);
            // The same ballots in another order draw the same lot.
            ScottishStv.Count(1, candidates, ballots.Reverse().ToList()).Elected.ShouldBe(result.Elected);
            outcomes.Add(result.Elected[0] == candidates[0] ? "first listed" : "second listed");
        }
        outcomes.Count.ShouldBe(2); // the lot is not the order of the candidates in disguise
    }

    /// <summary>The lot as ScottishStv documents it, written out again from the documentation.</summary>
    private static string DrawnLast(int seats, string[] candidates, IReadOnlyList<IReadOnlyList<string>> ballots)
    {
        var lines = ballots.Select(b => string.Join(',', b.Select(c => Array.IndexOf(candidates, c) + 1))).Order(StringComparer.Ordinal);
        var text = $"seats {seats}\n" + string.Concat(candidates.Select(c => $"candidate {Encoding.UTF8.GetByteCount(c)} {c}\n"))
            + string.Concat(lines.Select(l => l + "\n"));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return candidates.OrderBy(c => Convert.ToHexString(SHA256.HashData([.. digest, .. Encoding.UTF8.GetBytes(c)])), StringComparer.Ordinal).Last();
    }

    [Fact]
    public void Every_valid_vote_is_accounted_for_at_every_round()
    {
        var almond = Blt.Load("edinburgh-2017-ward-01-almond.blt");
        var elections = new List<(int Seats, IReadOnlyList<string> Candidates, IReadOnlyList<IReadOnlyList<string>> Rankings)>
        {
            (almond.Seats, almond.Candidates, almond.Rankings),
        };
        var random = new Random(2007_42);
        for (var i = 0; i < 200; i++)
            elections.Add(RandomElection(random, seats: random.Next(1, 6)));

        foreach (var (seats, candidates, rankings) in elections)
        {
            var result = ScottishStv.Count(seats, candidates, rankings);
            result.Elected.Count.ShouldBe(seats);
            result.Elected.Distinct().Count().ShouldBe(seats);
            var surplusTransfers = 0;
            foreach (var round in result.Rounds)
            {
                if (round.Kind == StvRoundKind.Surplus) surplusTransfers++;
                var held = round.Tallies.Sum(t => t.Votes) + round.ElectedTallies.Sum(t => t.Votes);
                (held + round.NonTransferable + round.LostToTruncation).ShouldBe(result.ValidVotes, round.Note);
                round.LostToTruncation.ShouldBeGreaterThanOrEqualTo(0m);
                // Each surplus transfer loses less than 0.00001 a paper.
                round.LostToTruncation.ShouldBeLessThan(surplusTransfers * rankings.Count * 0.00001m + 0.00001m);
                round.Tallies.ShouldAllBe(t => t.Votes >= 0m && decimal.Round(t.Votes, 5) == t.Votes);
                round.Tallies.Concat(round.ElectedTallies).ShouldAllBe(t => t.Votes.Scale == 5); // shown as 2842.00000
                round.ElectedTallies.Select(t => t.Candidate).ShouldBe(result.Elected.Take(round.ElectedTallies.Count));
            }
        }
    }

    [Fact]
    public void A_one_seat_count_is_an_instant_runoff()
    {
        var random = new Random(1_2007);
        var compared = 0;
        for (var i = 0; i < 400; i++)
        {
            var (_, candidates, rankings) = RandomElection(random, seats: 1);
            var runoff = InstantRunoff(candidates, rankings);
            if (runoff is null) continue; // a tie for last place: the instant runoff below has no rule for it

            var result = ScottishStv.Count(1, candidates, rankings);

            result.Elected.ShouldBe([runoff.Value.Winner]);
            var excluded = result.Rounds.SelectMany(r => r.Excluded).ToList();
            // The runoff stops at a majority of the papers in play; the count goes on to the quota, excluding more.
            excluded.Take(runoff.Value.Eliminated.Count).ShouldBe(runoff.Value.Eliminated);
            compared++;
        }
        compared.ShouldBeGreaterThan(200);
    }

    /// <summary>A plain instant runoff, whole votes: eliminate the fewest until one candidate has a majority of the
    /// papers still in play or stands alone. Null when the fewest are tied.</summary>
    private static (string Winner, List<string> Eliminated)? InstantRunoff(IReadOnlyList<string> candidates, IReadOnlyList<IReadOnlyList<string>> rankings)
    {
        var standing = candidates.ToHashSet();
        var eliminated = new List<string>();
        while (true)
        {
            var counts = standing.ToDictionary(c => c, _ => 0);
            foreach (var ranking in rankings)
            {
                var top = ranking.FirstOrDefault(standing.Contains);
                if (top is not null) counts[top]++;
            }
            var inPlay = counts.Values.Sum();
            var leader = counts.MaxBy(kv => kv.Value);
            if (standing.Count == 1 || leader.Value * 2 > inPlay) return (leader.Key, eliminated);
            var fewest = counts.Values.Min();
            var last = counts.Where(kv => kv.Value == fewest).Select(kv => kv.Key).ToList();
            if (last.Count > 1) return null;
            standing.Remove(last[0]);
            eliminated.Add(last[0]);
        }
    }

    [Fact]
    public void The_same_ballots_give_the_same_count_in_any_order()
    {
        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var (seats, candidates, rankings) = RandomElection(random, seats: random.Next(1, 5));
            var once = Describe(ScottishStv.Count(seats, candidates, rankings));
            Describe(ScottishStv.Count(seats, candidates, rankings)).ShouldBe(once);
            var shuffled = rankings.OrderBy(_ => random.Next()).ToList();
            Describe(ScottishStv.Count(seats, candidates, shuffled)).ShouldBe(once);
        }
    }

    private static string Describe(StvResult result) =>
        string.Join(",", result.Elected) + "|" + result.Quota + "|" + string.Join("\n", result.Rounds.Select(r =>
            $"{r.Number} {r.Kind} {r.Note} {string.Join(";", r.Tallies)} {string.Join(";", r.ElectedTallies)} {r.NonTransferable} {r.LostToTruncation}"));

    [Fact]
    public void Invalid_input_is_refused_without_naming_a_candidate()
    {
        string[] candidates = ["Ann", "Bob", "Cara"];
        void Refused(Action count, string paramName)
        {
            var error = Should.Throw<ArgumentException>(count);
            error.ParamName.ShouldBe(paramName);
            foreach (var name in candidates.Append("Zed")) error.Message.ShouldNotContain(name);
        }

        Refused(() => ScottishStv.Count(0, candidates, [["Ann"]]), "seats");
        Refused(() => ScottishStv.Count(4, candidates, [["Ann"]]), "seats");
        Refused(() => ScottishStv.Count(1, ["Ann", "Ann"], [["Ann"]]), "candidates");
        Refused(() => ScottishStv.Count(1, [], []), "candidates");
        Refused(() => ScottishStv.Count(1, candidates, [["Ann"], ["Zed"]]), "rankings");
        Refused(() => ScottishStv.Count(1, candidates, [["Ann", "Bob", "Ann"]]), "rankings");
        Refused(() => ScottishStv.Count(1, candidates, [[]]), "rankings");
        ScottishStv.Count(3, candidates, [["Ann"]]).Elected.Count.ShouldBe(3); // seats equal to candidates are allowed
    }

    private static (int Seats, IReadOnlyList<string> Candidates, IReadOnlyList<IReadOnlyList<string>> Rankings) RandomElection(Random random, int seats)
    {
        var candidates = Enumerable.Range(0, seats + random.Next(1, 6)).Select(i => ((char)('A' + i)).ToString()).ToList();
        var voters = random.Next(5, 120);
        // Voters lean towards the front of a per-election order, so some candidates win big and surpluses occur.
        var rankings = new List<IReadOnlyList<string>>();
        for (var v = 0; v < voters; v++)
        {
            var order = candidates.OrderBy(c => random.NextDouble() * (1 + candidates.IndexOf(c) * random.NextDouble())).ToList();
            rankings.Add(order.Take(random.Next(1, candidates.Count + 1)).ToList());
        }
        return (seats, candidates, rankings);
    }
}
