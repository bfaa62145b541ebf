using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using WorkersPower.Decisions.Ballots;
using WorkersPower.Membership.Contracts;
using static WorkersPower.Decisions.Tests.Ballots.BallotApi;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>After a voter's erasure, nothing in Decisions says they could vote or voted; the count stays whole.</summary>
public sealed class ErasedVoterTests(BallotsFixture fixture) : IClassFixture<BallotsFixture>
{
    [Fact]
    public async Task An_erased_member_leaves_the_electorate_and_the_roll_while_their_vote_still_counts()
    {
        var branch = Guid.NewGuid();
        var chair = Guid.NewGuid();
        var members = fixture.Electorate.Join(branch, 3);
        var ballot = await fixture.DefineBallotAsync(branch, chair);
        (await OpenAsync(fixture.Client, ballot, BallotsFixture.TokenFor(chair))).ShouldSucceed();
        (await VoteAsync(fixture.Client, ballot, BallotsFixture.TokenFor(members[0]), ["YES"])).ShouldSucceed();
        (await VoteAsync(fixture.Client, ballot, BallotsFixture.TokenFor(members[1]), ["NO"])).ShouldSucceed();

        // Campaigns, Content and Decisions each handle the erasure on their own queue: run Decisions' handler of it
        var runtime = fixture.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
        var queue = runtime.Options.Transports.AllEndpoints().Select(e => e.Uri)
            .Single(u => u.ToString().Contains(nameof(ForgetErasedVoterHandler), StringComparison.OrdinalIgnoreCase));
        var erased = new MemberErased(members[0], DateTimeOffset.UtcNow);
        await fixture.Services.GetRequiredService<IMessageBus>().EndpointFor(queue).InvokeAsync(erased);
        await fixture.Services.GetRequiredService<IMessageBus>().EndpointFor(queue).InvokeAsync(erased); // twice: nothing more changes

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var roll = new NpgsqlCommand("select voters from decisions.ballot_roll where ballot_id = @b", connection))
        {
            roll.Parameters.AddWithValue("b", ballot);
            var voters = (Guid[])(await roll.ExecuteScalarAsync())!;
            voters.Length.ShouldBe(2);
            voters.ShouldNotContain(members[0]);
            voters.ShouldContain(members[1]);
            voters.ShouldBe(voters.Order().ToArray()); // still sorted: the new id's place says nothing
        }
        await using (var session = fixture.Services.GetRequiredService<IDecisionsStore>().QuerySession())
            (await session.LoadAsync<BallotElectorate>(ballot))!.Members.ShouldBe(members.Skip(1).Order().ToList(), ignoreOrder: true);

        var closed = await CloseAsync(fixture.Client, ballot, BallotsFixture.TokenFor(chair));
        closed.ShouldSucceed();
        closed["closeBallot.ballot.result.turnout"]!.GetValue<int>().ShouldBe(2);
        closed["closeBallot.ballot.result.ballots"]!.AsArray().Count.ShouldBe(2);
    }
}
