using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Decisions.Ballots;
using WorkersPower.Decisions.Meetings;
using WorkersPower.Testing;
using Wolverine;
using static WorkersPower.Decisions.Tests.Ballots.BallotApi;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>Ballots through the real endpoint and database: opening, the frozen electorate, one vote each, proxies, changes, closing, the schedule, live turnout.</summary>
public sealed class BallotFlowTests(BallotsFixture fixture) : IClassFixture<BallotsFixture>
{
    private readonly GraphQLClient client = fixture.Client;

    [Fact]
    public async Task The_chair_opens_freezing_the_electorate_each_member_votes_once_and_the_chair_closes()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var members = fixture.Electorate.Join(branch, 3);
        var ballot = await fixture.DefineBallotAsync(branch, chair);

        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(members[0]))).ErrorCodes.ShouldContain("FORBIDDEN");
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(members[0]), ["YES"]))["castVote.errors.0.message"]!.GetValue<string>().ShouldBe("The ballot is not open yet.");
        var opened = await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair));
        opened.ShouldSucceed();
        opened["openBallot.ballot.status"]!.GetValue<string>().ShouldBe("OPEN");
        opened["openBallot.ballot.electorateSize"]!.GetValue<int>().ShouldBe(3);

        var late = fixture.Electorate.Join(branch, 1)[0]; // joins after the cut-off
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(late), ["YES"])).ErrorCodes.ShouldContain("FORBIDDEN");
        (await BallotAsync(client, ballot, BallotsFixture.TokenFor(late)))["viewerMayVote"]!.GetValue<bool>().ShouldBeFalse();

        var first = await VoteAsync(client, ballot, BallotsFixture.TokenFor(members[0]), ["YES"]);
        first.ShouldSucceed();
        Receipt(first)!.ShouldMatch("^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$");
        first["castVote.ballot.turnout"]!.GetValue<int>().ShouldBe(1);
        first["castVote.ballot.viewerHasVoted"]!.GetValue<bool>().ShouldBeTrue();
        first["castVote.ballot.viewerMayVote"]!.GetValue<bool>().ShouldBeFalse();
        var again = await VoteAsync(client, ballot, BallotsFixture.TokenFor(members[0]), ["NO"]);
        (again["castVote.errors.0.code"]!.GetValue<string>(), again["castVote.errors.0.message"]!.GetValue<string>()).ShouldBe(("INVALID_STATE", "You have voted."));
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(members[1]), ["NO"])).ShouldSucceed();

        (await CloseAsync(client, ballot, BallotsFixture.TokenFor(members[2]))).ErrorCodes.ShouldContain("FORBIDDEN");
        var closed = await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair));
        closed.ShouldSucceed();
        closed["closeBallot.ballot.status"]!.GetValue<string>().ShouldBe("CLOSED");
        closed["closeBallot.ballot.result.turnout"]!.GetValue<int>().ShouldBe(2);
        closed["closeBallot.ballot.result.carried"]!.GetValue<bool>().ShouldBeFalse(); // 1 yes, 1 no
        closed["closeBallot.ballot.result.ballots"]!.AsArray().Count.ShouldBe(2);
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(members[2]), ["YES"]))["castVote.errors.0.message"]!.GetValue<string>().ShouldBe("The ballot is closed.");
    }

    [Fact]
    public async Task A_proxy_holder_votes_for_the_member_who_named_them_in_this_meeting_only()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 3);
        var ballot = await fixture.DefineBallotAsync(branch, chair, proxies: new ProxyAuthorised(Guid.Empty, Guid.NewGuid(), m[1], m[0], DateTimeOffset.UtcNow));
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();

        var view = await BallotAsync(client, ballot, BallotsFixture.TokenFor(m[0]));
        view["viewerMayVoteFor"]!.AsArray().Select(p => p!["memberId"]!.GetValue<string>()).ShouldBe([BallotsFixture.MemberGlobalId(m[1])]);
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[2]), ["NO"], onBehalfOf: m[1])).ErrorCodes.ShouldContain("FORBIDDEN");
        var proxied = await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[0]), ["YES"], onBehalfOf: m[1]);
        proxied.ShouldSucceed();
        proxied["castVote.ballot.viewerMayVoteFor"]!.AsArray().ShouldBeEmpty();
        proxied["castVote.ballot.viewerHasVoted"]!.GetValue<bool>().ShouldBeFalse(); // the holder's own vote is still theirs to cast
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[1]), ["NO"]))["castVote.errors.0.message"]!.GetValue<string>().ShouldBe("You have voted.");
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[0]), ["NO"])).ShouldSucceed();
        (await BallotAsync(client, ballot, BallotsFixture.TokenFor(m[2])))["turnout"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Where_changes_are_allowed_a_voter_replaces_their_ballot_with_its_receipt_and_it_counts_once()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 2);
        var ballot = await fixture.DefineBallotAsync(branch, chair, allowChanges: true);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        var token = BallotsFixture.TokenFor(m[0]);
        var first = Receipt(await VoteAsync(client, ballot, token, ["YES"]))!;
        (await VoteAsync(client, ballot, token, ["NO"]))["castVote.errors.0.field"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["input", "replacingReceipt"]);
        (await VoteAsync(client, ballot, token, ["NO"], replacingReceipt: "2222-2222-2222"))["castVote.errors.0.code"]!.GetValue<string>().ShouldBe("NOT_FOUND");
        var replaced = await VoteAsync(client, ballot, token, ["NO"], replacingReceipt: first.ToLowerInvariant());
        replaced.ShouldSucceed();
        var second = Receipt(replaced)!;
        second.ShouldNotBe(first);
        replaced["castVote.ballot.turnout"]!.GetValue<int>().ShouldBe(1);
        var result = (await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair)))["closeBallot.ballot.result"]!;
        result["ballots"]!.AsArray().Select(b => (b!["receipt"]!.GetValue<string>(), b["choice"]![0]!.GetValue<string>())).ShouldBe([(second, "NO")]);
        result["counts"]![1]!["votes"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task A_recorded_ballot_publishes_every_vote_with_its_voter()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 2);
        var ballot = await fixture.DefineBallotAsync(branch, chair, BallotKind.Choice, VoteSecrecy.Recorded, options: ["Red", "Green"]);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        var vote = await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[0]), ["Green"]);
        vote.ShouldSucceed();
        vote["castVote.receipt"].ShouldBeNull();
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[1]), ["Green"])).ShouldSucceed();
        var result = (await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair)))["closeBallot.ballot.result"]!;
        result["elected"]!.AsArray().Single()!.GetValue<string>().ShouldBe("Green");
        result["ballots"]!.AsArray().ShouldBeEmpty();
        result["votes"]!.AsArray().Select(v => v!["voter"]!["memberId"]!.GetValue<string>()).Order()
            .ShouldBe(m.Select(BallotsFixture.MemberGlobalId).Order());
    }

    [Fact]
    public async Task The_schedule_opens_and_closes_a_ballot_and_live_turnout_follows_every_change()
    {
        var branch = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 4);
        var ballot = await fixture.DefineBallotAsync(branch, Guid.NewGuid(), quorum: 0.5m);
        var feed = fixture.Services.GetRequiredService<TurnoutFeed>();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<TurnoutView>();
        using var listening = feed.Listen(ballot, v => { if (v is not null) seen.Enqueue(v); });

        await using (var scope = fixture.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new OpenBallot(ballot));
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[0]), ["YES"])).ShouldSucceed();
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[1]), ["YES"])).ShouldSucceed();
        await using (var scope = fixture.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new CloseBallot(ballot));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (seen.Count < 4 && DateTime.UtcNow < deadline) await Task.Delay(50);
        seen.Select(v => (v.Status, v.Turnout, v.ElectorateSize, v.QuorumReached)).ShouldBe([
            (BallotStatus.Open, 0, 4, false), (BallotStatus.Open, 1, 4, false), (BallotStatus.Open, 2, 4, true), (BallotStatus.Closed, 2, 4, true)]);
        var closed = await BallotAsync(client, ballot, BallotsFixture.TokenFor(m[2]));
        (closed["status"]!.GetValue<string>(), closed["result"]!["carried"]!.GetValue<bool>()).ShouldBe(("CLOSED", true));
    }

    [Fact]
    public async Task An_inquorate_ballot_carries_nothing()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var m = fixture.Electorate.Join(branch, 4);
        var ballot = await fixture.DefineBallotAsync(branch, chair, quorum: 0.5m);
        (await OpenAsync(client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        (await VoteAsync(client, ballot, BallotsFixture.TokenFor(m[0]), ["YES"])).ShouldSucceed();
        var result = (await CloseAsync(client, ballot, BallotsFixture.TokenFor(chair)))["closeBallot.ballot.result"]!;
        (result["quorate"]!.GetValue<bool>(), result["carried"]!.GetValue<bool>()).ShouldBe((false, false));
    }
}
