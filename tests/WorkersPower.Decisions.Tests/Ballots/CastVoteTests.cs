using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Ballots.BallotGiven;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>castVote's rules, Given a ballot, its meeting, electorate, roll and box / When a vote / Then what goes on the roll and into the box, or why not.</summary>
public sealed class CastVoteTests
{
    private static readonly Guid Me = Guid.NewGuid(), Other = Guid.NewGuid(), Outsider = Guid.NewGuid();
    private const string NewReceipt = "AAAA-BBBB-CCCC";

    private static Decision When(Ballot ballot, IReadOnlyList<string> choice, LockedVotes? votes = null, Guid? caster = null, Guid? onBehalfOf = null,
        string? replacing = null, Meeting? meeting = null, BallotElectorate? electorate = null) =>
        new CastVote(BallotId, caster ?? Me, onBehalfOf, choice, replacing).Decide(ballot, meeting ?? Meeting(), electorate ?? Electorate(Me, Other), votes ?? Votes(), NewReceipt, Now);

    [Fact]
    public void A_member_of_the_electorate_votes_once_into_the_box_and_onto_the_roll_with_nothing_linking_them()
    {
        var decision = When(Open(Created()), ["YES"]);
        decision.Accepted.ShouldBeTrue();
        decision.Events.Count.ShouldBe(2);
        decision.Events[0].ShouldBe(new VoterOnRoll(Me));
        var boxed = decision.Events[1].ShouldBeOfType<BallotInBox>();
        (boxed.Receipt, boxed.Choice.Single(), boxed.Replaces).ShouldBe((NewReceipt, "YES", (string?)null));
    }

    [Fact]
    public void Only_the_frozen_electorate_votes()
    {
        When(Open(Created()), ["YES"], caster: Outsider).Forbidden.ShouldBe("You are not in this ballot's electorate (frozen when it opened).");
        When(Open(Created()), ["YES"], electorate: Electorate(Other)).Forbidden.ShouldNotBeNull();
    }

    [Fact]
    public void Not_before_it_opens_nor_after_it_closes()
    {
        When(Ballot(Created()), ["YES"], votes: null).Errors.Single().ShouldBe(UserError.InvalidState("The ballot is not open yet."));
        var closed = Ballot(Created(), new BallotOpened(BallotId, Now, 2, null, Now), new BallotClosed(BallotId, 0, true, null, Now));
        When(closed, ["YES"]).Errors.Single().ShouldBe(UserError.InvalidState("The ballot is closed."));
    }

    [Fact]
    public void A_second_vote_is_refused_unless_the_ballot_allows_changes()
    {
        When(Open(Created()), ["NO"], votes: Votes([Me], [new BoxedBallot("ZZZZ-ZZZZ-ZZZZ", ["YES"])])).Errors.Single().ShouldBe(UserError.InvalidState("You have voted."));
        When(Open(Created(secrecy: VoteSecrecy.Recorded)), ["NO"], votes: Votes([Me])).Errors.Single().ShouldBe(UserError.InvalidState("You have voted."));
    }

    [Fact]
    public void Where_changes_are_allowed_the_receipt_names_the_ballot_replaced()
    {
        var votes = Votes([Me], [new BoxedBallot("ZZZZ-ZZZZ-ZZZZ", ["YES"])]);
        var ballot = Open(Created(allowChanges: true));
        var decision = When(ballot, ["NO"], votes, replacing: "zzzz zzzz zzzz");
        decision.Accepted.ShouldBeTrue();
        var boxed = decision.Events[1].ShouldBeOfType<BallotInBox>();
        (boxed.Receipt, boxed.Choice.Single(), boxed.Replaces).ShouldBe((NewReceipt, "NO", "ZZZZ-ZZZZ-ZZZZ"));
        When(ballot, ["NO"], votes).Errors.Single().Field.ShouldBe(["input", "replacingReceipt"]);
        When(ballot, ["NO"], votes, replacing: "XXXX-XXXX-XXXX").Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
        When(ballot, ["NO"], Votes(), replacing: "ZZZZ-ZZZZ-ZZZZ").Errors.Single().Message.ShouldBe("You have not voted yet: there is nothing to replace.");
    }

    [Fact]
    public void A_recorded_vote_names_its_voter_and_a_change_replaces_it_without_a_receipt()
    {
        var decision = When(Open(Created(secrecy: VoteSecrecy.Recorded, allowChanges: true)), ["NO"], Votes([Me]));
        decision.Accepted.ShouldBeTrue();
        var recorded = decision.Events[1].ShouldBeOfType<VoteRecorded>();
        (recorded.VoterMemberId, recorded.CastBy, recorded.Choice.Single()).ShouldBe((Me, Me, "NO"));
    }

    [Fact]
    public void A_proxy_votes_for_the_member_whose_proxy_they_hold_in_the_meeting_and_only_them()
    {
        var meeting = Meeting(new ProxyAuthorised(MeetingId, Guid.NewGuid(), Other, Me, Now));
        var decision = When(Open(Created()), ["YES"], meeting: meeting, onBehalfOf: Other);
        decision.Events[0].ShouldBe(new VoterOnRoll(Other));
        When(Open(Created()), ["YES"], meeting: Meeting(), onBehalfOf: Other).Forbidden.ShouldBe("You do not hold that member's proxy in this meeting.");
        When(Open(Created()), ["YES"], meeting: meeting, onBehalfOf: Other, votes: Votes([Other])).Errors.Single().Message.ShouldBe("They have voted.");
        When(Open(Created()), ["YES"], meeting: meeting, onBehalfOf: Other, electorate: Electorate(Me)).Forbidden.ShouldBe("That member is not in this ballot's electorate (frozen when it opened).");
    }

    [Fact]
    public void The_choice_fits_the_kind_of_ballot()
    {
        When(Open(Created()), ["YES", "NO"]).Errors.Single().Message.ShouldBe("Choose exactly one option.");
        When(Open(Created()), []).Errors.Single().Field.ShouldBe(["input", "choice"]);
        When(Open(Created()), ["MAYBE"]).Errors.Single().Message.ShouldBe("Choose one of the ballot's options.");
        var stv = Open(Created(BallotKind.Stv, options: ["Ann", "Bob", "Cat"], seats: 2));
        When(stv, ["Cat", "Ann"]).Accepted.ShouldBeTrue();
        When(stv, ["Cat", "Cat"]).Errors.Single().Message.ShouldBe("Rank one or more candidates, each once.");
        When(stv, []).Errors.Single().Message.ShouldBe("Rank one or more candidates, each once.");
        When(stv, ["Dan"]).Errors.Single().Message.ShouldBe("Rank only the ballot's candidates.");
    }
}
