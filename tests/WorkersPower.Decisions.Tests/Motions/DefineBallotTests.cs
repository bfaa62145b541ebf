using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Platform;
using static WorkersPower.Decisions.Tests.Meetings.Scenes;

namespace WorkersPower.Decisions.Tests.Motions;

/// <summary>createBallot's rules and the settings every defined ballot shares (putToVote's too): no database.</summary>
public sealed class DefineBallotTests
{
    private static readonly Caller Chair = Organiser(Branch);
    private static readonly Meeting Meeting = Tests.Meetings.Scenes.Meeting(Chair, Branch);
    private static readonly Guid Id = Guid.NewGuid();

    private static Decision When(BallotKind kind = BallotKind.Choice, string[]? options = null, int? seats = null, BallotSettings? settings = null,
        Caller? by = null, string title = "Which campaign first?") =>
        new CreateBallot(Meeting.Id, title, kind, options ?? ["Rent strike", "Pay claim"], seats, settings ?? Settings(), by ?? Chair).Decide(Meeting, Id, Now);

    [Fact]
    public void A_choice_is_defined_with_its_options_trimmed_and_the_meetings_branch()
    {
        var created = (BallotCreated)When(options: [" Rent strike ", "Pay claim"], settings: Settings(0.25m, Now.AddHours(1), Now.AddHours(2), 3)).Events.Single();
        created.ShouldBe(new BallotCreated(Id, Meeting.Id, Branch, "Which campaign first?", BallotKind.Choice, VoteSecrecy.Secret, created.Options, 1, false, 0.25m, 3,
            Now.AddHours(1), Now.AddHours(2), null, null, Chair.AccountId, Now));
        created.Options.ShouldBe(["Rent strike", "Pay claim"]);
        var ballot = Testing.Given.Events<BallotProjection, Ballot>(created);
        (ballot.Status, ballot.MeetingId, ballot.Seats).ShouldBe((BallotStatus.Scheduled, Meeting.Id, 1));
    }

    [Fact]
    public void A_choice_has_2_to_20_different_options_of_one_line_each()
    {
        Fields(When(options: ["Only one"])).ShouldBe(["input.options"]);
        Fields(When(options: [.. Enumerable.Range(1, 21).Select(i => $"Option {i}")])).ShouldBe(["input.options"]);
        When(options: [.. Enumerable.Range(1, 20).Select(i => $"Option {i}")]).Accepted.ShouldBeTrue();
        Fields(When(options: ["Same", " same "])).ShouldBe(["input.options"]);
        Fields(When(options: ["Two\nlines", "Other"])).ShouldBe(["input.options"]);
        Fields(When(options: ["", "Other"])).ShouldBe(["input.options"]);
        Fields(When(seats: 2)).ShouldBe(["input.seats"]);
        Fields(When(title: "AB")).ShouldBe(["input.title"]);
    }

    [Fact]
    public void An_election_has_2_to_50_candidates_and_fewer_seats_than_candidates()
    {
        string[] Candidates(int n) => [.. Enumerable.Range(1, n).Select(i => $"Candidate {i}")];
        ((BallotCreated)When(BallotKind.Stv, Candidates(5), seats: 3).Events.Single()).Seats.ShouldBe(3);
        ((BallotCreated)When(BallotKind.Stv, Candidates(2)).Events.Single()).Seats.ShouldBe(1);
        Fields(When(BallotKind.Stv, Candidates(5), seats: 5)).ShouldBe(["input.seats"]);
        Fields(When(BallotKind.Stv, Candidates(5), seats: 0)).ShouldBe(["input.seats"]);
        Fields(When(BallotKind.Stv, Candidates(51))).ShouldBe(["input.options"]);
        When(BallotKind.Stv, Candidates(50), seats: 49).Accepted.ShouldBeTrue();
        Fields(When(BallotKind.Motion)).ShouldBe(["input.kind"]);
    }

    [Fact]
    public void Quorum_times_and_arrears_are_checked()
    {
        Fields(When(settings: Settings(-0.1m))).ShouldBe(["input.quorum"]);
        Fields(When(settings: Settings(1.01m))).ShouldBe(["input.quorum"]);
        When(settings: Settings(1m)).Accepted.ShouldBeTrue();
        Fields(When(settings: Settings(opensAt: Now))).ShouldBe(["input.opensAt"]);
        Fields(When(settings: Settings(closesAt: Now.AddSeconds(-1)))).ShouldBe(["input.closesAt"]);
        Fields(When(settings: Settings(opensAt: Now.AddHours(2), closesAt: Now.AddHours(1)))).ShouldBe(["input.closesAt"]);
        Fields(When(settings: Settings(arrears: 25))).ShouldBe(["input.maxMonthsInArrears"]);
        Fields(When(settings: Settings(arrears: -1))).ShouldBe(["input.maxMonthsInArrears"]);
        When(settings: Settings(arrears: 0)).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void Only_whoever_runs_an_open_meeting_defines_its_ballots()
    {
        When(by: Member()).Forbidden.ShouldNotBeNull();
        When(by: Organiser(OtherBranch)).Forbidden.ShouldNotBeNull();
        When(by: Admin()).Accepted.ShouldBeTrue();
        var closed = Tests.Meetings.Scenes.Meeting(Chair, Branch, 1, new MeetingClosed(Guid.Empty, Chair.AccountId, Now));
        new CreateBallot(closed.Id, "Title", BallotKind.Choice, ["A", "B"], null, Settings(), Chair).Decide(closed, Id, Now).Errors.Single().Code.ShouldBe(ErrorCodes.InvalidState);
        new CreateBallot(Guid.NewGuid(), "Title", BallotKind.Choice, ["A", "B"], null, Settings(), Chair).Decide(null, Id, Now).Errors.Single().Code.ShouldBe(ErrorCodes.NotFound);
    }

    [Fact]
    public void A_ballot_with_times_is_opened_and_closed_by_scheduled_messages()
    {
        var created = (BallotCreated)When(settings: Settings(opensAt: Now.AddHours(1), closesAt: Now.AddHours(3))).Events.Single();
        BallotSettings.Schedule(created).ShouldBe([(new OpenBallot(Id), Now.AddHours(1)), (new CloseBallot(Id), Now.AddHours(3))]);
        BallotSettings.Schedule((BallotCreated)When().Events.Single()).ShouldBeEmpty();
        BallotSettings.Schedule((BallotCreated)When(settings: Settings(closesAt: Now.AddHours(3))).Events.Single()).ShouldBe([(new CloseBallot(Id), Now.AddHours(3))]);
    }
}
