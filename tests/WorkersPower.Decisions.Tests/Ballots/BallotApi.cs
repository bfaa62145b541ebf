using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests.Ballots;

/// <summary>The ballots' mutations and reads through the GraphQL endpoint, as the web client sends them.</summary>
internal static class BallotApi
{
    public const string BallotFields = "id status electorateSize turnout viewerMayVote viewerHasVoted viewerMayVoteFor { memberId displayName }";

    public const string ResultFields = """
        result { quorate turnout electorateSize counts { option votes } carried elected
          rounds { number tallies { candidate votes } elected excluded note } ballots { receipt choice } votes { voter { memberId displayName } choice } }
        """;

    public static Task<GraphQLResponse> OpenAsync(GraphQLClient client, Guid ballot, string token) =>
        client.PostAsync($"mutation($input: BallotIdInput!) {{ openBallot(input: $input) {{ ballot {{ {BallotFields} }} errors {{ code message field }} }} }}",
            new { input = new { ballotId = BallotsFixture.BallotGlobalId(ballot) } }, token);

    public static Task<GraphQLResponse> CloseAsync(GraphQLClient client, Guid ballot, string token) =>
        client.PostAsync($"mutation($input: BallotIdInput!) {{ closeBallot(input: $input) {{ ballot {{ {BallotFields} {ResultFields} }} errors {{ code message field }} }} }}",
            new { input = new { ballotId = BallotsFixture.BallotGlobalId(ballot) } }, token);

    public static Task<GraphQLResponse> VoteAsync(GraphQLClient client, Guid ballot, string token, string[] choice, Guid? onBehalfOf = null, string? replacingReceipt = null) =>
        client.PostAsync($"mutation($input: CastVoteInput!) {{ castVote(input: $input) {{ receipt ballot {{ {BallotFields} }} errors {{ code message field }} }} }}",
            new { input = new { ballotId = BallotsFixture.BallotGlobalId(ballot), choice, onBehalfOf = onBehalfOf is { } o ? BallotsFixture.MemberGlobalId(o) : null, replacingReceipt } }, token);

    public static async Task<JsonNode> BallotAsync(GraphQLClient client, Guid ballot, string token) =>
        (await client.DataAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Ballot {{ {BallotFields} {ResultFields} }} }} }}", new { id = BallotsFixture.BallotGlobalId(ballot) }, token))["node"]!;

    public static string? Receipt(GraphQLResponse vote) => vote["castVote.receipt"]?.GetValue<string>();
}
