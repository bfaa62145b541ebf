using WorkersPower.Decisions.Counting;

namespace WorkersPower.Decisions.Tests.Counting;

/// <summary>
/// The count against published worked examples of Scottish STV, with the rounds and results their sources give.
/// </summary>
public sealed class PublishedExampleTests
{
    private static IReadOnlyList<IReadOnlyList<string>> Ballots(params (int Count, string[] Ranking)[] kinds) =>
        kinds.SelectMany(k => Enumerable.Repeat<IReadOnlyList<string>>(k.Ranking, k.Count)).ToList();

    private static decimal Tally(StvRoundResult round, string candidate) =>
        round.Tallies.Concat(round.ElectedTallies).Single(t => t.Candidate == candidate).Votes;

    /// <summary>
    /// Source: Wikipedia, "Single transferable vote", section "Example" (the food election: 20 guests, 3 of 5 foods),
    /// https://en.wikipedia.org/wiki/Single_transferable_vote (as mirrored, with its rounds, at
    /// https://www.liquisearch.com/single_transferable_vote/example). Droop quota 6; Chocolate elected in round 1;
    /// its surplus of 6 goes to Strawberries (4) and Sweets (2); Pears eliminated, its 2 votes elect Oranges with
    /// exactly the quota; Sweets eliminated and Strawberries take the last seat.
    /// The article shows the surplus transfer and Pears' elimination as one round (its round 2); under the Order each
    /// is its own stage (the definition of "stage of the count" in article 2), so the same steps are stages 2 and 3
    /// here, and Sweets' exclusion with Strawberries filling the last seat (rule 52) is stage 4. Chocolate's 12 papers
    /// carry the transfer value 6 × 1 ÷ 12 = 0.5, so the whole-vote figures of the article are exact.
    /// </summary>
    [Fact]
    public void Wikipedia_food_election_rounds_and_winners()
    {
        var result = ScottishStv.Count(3, ["Oranges", "Pears", "Chocolate", "Strawberries", "Sweets"], Ballots(
            (4, ["Oranges"]),
            (2, ["Pears", "Oranges"]),
            (8, ["Chocolate", "Strawberries"]),
            (4, ["Chocolate", "Sweets"]),
            (1, ["Strawberries"]),
            (1, ["Sweets"])));

        result.Quota.ShouldBe(6);
        result.Elected.ShouldBe(["Chocolate", "Oranges", "Strawberries"]);
        result.Rounds.Count.ShouldBe(4);

        var first = result.Rounds[0];
        first.Kind.ShouldBe(StvRoundKind.FirstPreferences);
        first.Elected.ShouldBe(["Chocolate"]);
        first.Tallies.ShouldBe([("Oranges", 4m), ("Pears", 2m), ("Strawberries", 1m), ("Sweets", 1m)]);
        Tally(first, "Chocolate").ShouldBe(12m);

        var surplus = result.Rounds[1];
        surplus.Note.ShouldBe("Surplus of Chocolate transferred");
        surplus.Tallies.ShouldBe([("Oranges", 4m), ("Pears", 2m), ("Strawberries", 5m), ("Sweets", 3m)]);
        Tally(surplus, "Chocolate").ShouldBe(6m);
        surplus.Elected.ShouldBeEmpty();

        var pears = result.Rounds[2];
        pears.Excluded.ShouldBe(["Pears"]);
        pears.Elected.ShouldBe(["Oranges"]);
        Tally(pears, "Oranges").ShouldBe(6m); // exactly the quota: no surplus to transfer
        pears.Tallies.ShouldBe([("Strawberries", 5m), ("Sweets", 3m)]);
        pears.Note.ShouldBe("Pears excluded; Oranges elected");

        var sweets = result.Rounds[3];
        sweets.Excluded.ShouldBe(["Sweets"]);
        sweets.Elected.ShouldBe(["Strawberries"]);
        sweets.Note.ShouldBe("Sweets excluded; Strawberries elected to fill the remaining seat");
        sweets.NonTransferable.ShouldBe(3m); // Sweets' own paper and Chocolate's 4 papers at 0.5: no further preference
        result.LotUsed.ShouldBeFalse();
    }

    /// <summary>
    /// A real count under the Order's rules: the City of Edinburgh Council election of 4 May 2017, Ward 1 Almond,
    /// 4 seats, 10 candidates. The ballots are the council's published preference profile for the ward (as a BLT
    /// file: every ranking with its number of voters), here as taken from the copy in the VoteIT/STVPoll repository,
    /// stvpoll_testing/scottish_election_data/ward_1_-_almond_-_preference_profile_report.csv
    /// (https://github.com/VoteIT/STVPoll).
    /// The published result: "Council elections 2022 – the results – Ward 1 Almond Ward", The Edinburgh Reporter,
    /// https://theedinburghreporter.co.uk/2022/05/council-elections-2022-the-results-ward-1-almond-ward/ (the 2017
    /// section: Kevin Lang elected at stage one, Louise Young at stage two, Graham Hutchison at stage three, Norrie
    /// Work at stage ten), and "Council elections 2022 – Almond Ward", The Edinburgh Reporter,
    /// https://theedinburghreporter.co.uk/2022/04/council-elections-2022-almond-ward/ (the 2017 results: Lang 42.8%
    /// of first preferences, 6,079 votes; Young 8% FPv, 3,652; Hutchison 16.9% FPv, 2,995; Work 13.9% FPv, 3,744, each
    /// the votes the candidate was elected with, in whole votes).
    /// The sources give whole votes, so the count's five-place figures are checked to the whole vote (truncated).
    /// </summary>
    [Fact]
    public void Edinburgh_2017_Almond_elects_the_published_councillors_at_the_published_stages()
    {
        var blt = Blt.Load("edinburgh-2017-ward-01-almond.blt");
        blt.Seats.ShouldBe(4);

        var result = ScottishStv.Count(blt.Seats, blt.Candidates, blt.Rankings);

        result.ValidVotes.ShouldBe(14_207);
        result.Quota.ShouldBe(2_842); // 14,207 ÷ 5 = 2,841.4, ignoring the decimals, plus one
        result.Elected.ShouldBe(["Kevin  LANG", "Louise YOUNG", "Graham HUTCHISON", "Norrie WORK"]);
        StageElected(result, "Kevin  LANG").ShouldBe(1);
        StageElected(result, "Louise YOUNG").ShouldBe(2);
        StageElected(result, "Graham HUTCHISON").ShouldBe(3);
        StageElected(result, "Norrie WORK").ShouldBe(10);
        result.Rounds.Count.ShouldBe(10);

        decimal.Truncate(Tally(result.Rounds[0], "Kevin  LANG")).ShouldBe(6_079m);
        decimal.Truncate(Tally(result.Rounds[1], "Louise YOUNG")).ShouldBe(3_652m);
        decimal.Truncate(Tally(result.Rounds[2], "Graham HUTCHISON")).ShouldBe(2_995m);
        decimal.Truncate(Tally(result.Rounds[9], "Norrie WORK")).ShouldBe(3_744m);

        // The published first-preference shares (to one decimal place of a per cent).
        Share(result.Rounds[0], "Kevin  LANG", result.ValidVotes).ShouldBe(42.8m);
        Share(result.Rounds[0], "Louise YOUNG", result.ValidVotes).ShouldBe(8.0m);
        Share(result.Rounds[0], "Graham HUTCHISON", result.ValidVotes).ShouldBe(16.9m);
        Share(result.Rounds[0], "Norrie WORK", result.ValidVotes).ShouldBe(13.9m);

        // Rule 48(3) at stage 2: Lang's surplus 6,079 - 2,842 = 3,237 moves at 3,237 × 1 ÷ 6,079 = 0.53248 (to five
        // places, the remainder ignored), so every continuing candidate gains a whole number of papers at 0.53248.
        const decimal transferValue = 0.53248m;
        foreach (var (candidate, votes) in result.Rounds[1].Tallies)
        {
            var gain = votes - Tally(result.Rounds[0], candidate);
            (gain / transferValue).ShouldBe(decimal.Truncate(gain / transferValue), $"{candidate} gained {gain}");
        }
        Tally(result.Rounds[1], "Kevin  LANG").ShouldBe(2_842m);
    }

    /// <summary>
    /// The "OpaVote example" of VoteIT/STVPoll's tests (https://github.com/VoteIT/STVPoll,
    /// stvpoll_testing/test_opa_example.py, whose Scottish STV count elects Alice, Bob and Chris): 28 voters rank
    /// Alice, Bob, Chris; 26 rank Bob, Alice, Chris; 3 rank Chris; 2 Don; 1 Eric; three seats. Only the winners are
    /// published there; the five-place figures below are worked by hand from rule 48(3) (the Order's text as OpenSTV
    /// and https://www.opavote.com/methods/scottish-stv-rules reproduce it): they show a surplus passing over an
    /// elected candidate and the remainder past five places being ignored.
    /// </summary>
    [Fact]
    public void OpaVote_example_surpluses_pass_over_the_elected_and_are_truncated()
    {
        var result = ScottishStv.Count(3, ["Alice", "Bob", "Chris", "Don", "Eric"], Ballots(
            (28, ["Alice", "Bob", "Chris"]),
            (26, ["Bob", "Alice", "Chris"]),
            (3, ["Chris"]),
            (2, ["Don"]),
            (1, ["Eric"])));

        result.Quota.ShouldBe(16); // 60 ÷ 4 + 1
        result.Elected.ShouldBe(["Alice", "Bob", "Chris"]);
        result.Rounds[0].Elected.ShouldBe(["Alice", "Bob"]);
        // Alice's surplus (12) is the larger: 12 ÷ 28 = 0.428571… → 0.42857; Bob is elected, so Chris receives.
        result.Rounds[1].Note.ShouldBe("Surplus of Alice transferred");
        Tally(result.Rounds[1], "Chris").ShouldBe(3m + 28 * 0.42857m); // 14.99996
        result.Rounds[1].LostToTruncation.ShouldBe(12m - 28 * 0.42857m); // 0.00004
        // Bob's surplus (10): 10 ÷ 26 = 0.384615… → 0.38461; Alice is elected, so Chris receives and is elected.
        result.Rounds[2].Note.ShouldBe("Surplus of Bob transferred; Chris elected");
        Tally(result.Rounds[2], "Chris").ShouldBe(14.99996m + 26 * 0.38461m); // 24.99982
        result.Rounds.Count.ShouldBe(3);
    }

    private static int StageElected(StvResult result, string candidate) =>
        result.Rounds.Single(r => r.Elected.Contains(candidate)).Number;

    private static decimal Share(StvRoundResult round, string candidate, int valid) =>
        Math.Round(Tally(round, candidate) * 100m / valid, 1, MidpointRounding.AwayFromZero);
}
