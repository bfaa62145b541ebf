using WorkersPower.Decisions.Ballots;
using static WorkersPower.Decisions.Tests.Ballots.BallotGiven;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>The count: quorum, motions carried, a choice's winner and its ties, STV through Scottish STV.</summary>
public sealed class BallotCountTests
{
    private static IReadOnlyList<IReadOnlyList<string>> Papers(params string[] choices) => [.. choices.Select(c => (IReadOnlyList<string>)c.Split(','))];

    [Fact]
    public void A_motion_is_carried_by_more_yes_than_no_when_quorate()
    {
        var result = BallotCount.Count(Open(Created(quorum: 0.5m)), 6, 3, Papers("YES", "YES", "NO"));
        result.Counts.ShouldBe([new OptionCount("YES", 2), new OptionCount("NO", 1), new OptionCount("ABSTAIN", 0)]);
        (result.Quorate, result.Carried).ShouldBe((true, (bool?)true));
        BallotCount.Count(Open(Created()), 6, 2, Papers("YES", "NO")).Carried.ShouldBe(false);
    }

    [Fact]
    public void Quorum_is_a_share_of_the_electorate_and_an_inquorate_ballot_decides_nothing()
    {
        var ballot = Open(Created(quorum: 0.5m));
        BallotCount.Count(ballot, 7, 3, Papers("YES", "YES", "YES")).ShouldSatisfyAllConditions(r => r.Quorate.ShouldBeFalse(), r => r.Carried.ShouldBe(false));
        BallotCount.Count(ballot, 6, 3, Papers("YES", "YES", "YES")).Quorate.ShouldBeTrue();
        var choice = Open(Created(BallotKind.Choice, quorum: 0.5m, options: ["A", "B"]));
        BallotCount.Count(choice, 10, 2, Papers("A", "A")).Elected.ShouldBeEmpty();
    }

    [Fact]
    public void A_choice_elects_the_option_with_most_votes_and_nobody_on_a_tie()
    {
        var choice = Open(Created(BallotKind.Choice, options: ["A", "B", "C"]));
        var result = BallotCount.Count(choice, 5, 4, Papers("B", "A", "B", "C"));
        (result.Elected.Single(), result.Carried).ShouldBe(("B", (bool?)null));
        BallotCount.Count(choice, 5, 4, Papers("B", "A", "B", "A")).Elected.ShouldBeEmpty();
    }

    [Fact]
    public void An_election_is_counted_by_Scottish_STV_with_its_rounds()
    {
        var stv = Open(Created(BallotKind.Stv, options: ["Ann", "Bob", "Cat"], seats: 2));
        var result = BallotCount.Count(stv, 6, 6, Papers("Ann,Bob", "Ann,Bob", "Ann,Cat", "Bob", "Cat", "Cat,Ann"));
        var expected = WorkersPower.Decisions.Counting.ScottishStv.Count(2, ["Ann", "Bob", "Cat"], Papers("Ann,Bob", "Ann,Bob", "Ann,Cat", "Bob", "Cat", "Cat,Ann"));
        result.Elected.ShouldBe(expected.Elected);
        result.Rounds.Count.ShouldBe(expected.Rounds.Count);
        result.Elected.First().ShouldBe("Ann");
        result.Counts.ShouldBeEmpty();
    }
}
