using System.Text.Json.Nodes;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Objects of every node type, made once for the class through the API.</summary>
public sealed class NodesFixture : PlatformFixture
{
    public const int PerType = 10;

    public sealed record Made(
        List<string> Branches, List<string> Applications, List<string> Members, List<string> Campaigns,
        List<string> Actions, List<string> Drafts, List<string> Published);

    private Made? made;
    private readonly SemaphoreSlim making = new(1, 1);

    public async Task<Made> MadeAsync()
    {
        await making.WaitAsync();
        try { return made ??= await MakeAsync(); }
        finally { making.Release(); }
    }

    private async Task<Made> MakeAsync()
    {
        var admin = await AdminTokenAsync();
        var result = new Made([], [], [], [], [], [], []);
        for (var i = 0; i < PerType; i++)
        {
            var branch = await MembershipApi.CreateBranchAsync(Client, admin);
            result.Branches.Add(branch);
            var application = await MembershipApi.ApplyAsync(Client, MembershipApi.UniqueEmail());
            result.Applications.Add(application);
            result.Members.Add((await MembershipApi.ApproveAsync(Client, admin, application, branch)).MemberId);

            var launched = await Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
                new { input = new { title = $"Campaign {Guid.NewGuid():N}"[..20], summary = "Why we fight." } }, admin);
            launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
            var campaign = launched["launchCampaign.campaign.id"]!.GetValue<string>();
            result.Campaigns.Add(campaign);

            var starts = DateTimeOffset.UtcNow.AddDays(3);
            var scheduled = await Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
                new { input = new { campaignId = campaign, kind = "PICKET", title = "Picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate" } }, admin);
            scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
            result.Actions.Add(scheduled["scheduleAction.action.id"]!.GetValue<string>());

            foreach (var publish in new[] { false, true })
            {
                var drafted = await Client.PostAsync("mutation($input: DraftArticleInput!) { draftArticle(input: $input) { article { id } errors { code message } } }",
                    new { input = new { title = $"Article {Guid.NewGuid():N}"[..20], body = "Text.", summary = "A summary." } }, admin);
                drafted.UserErrors("draftArticle").ShouldBeEmpty(drafted.Body);
                var article = drafted["draftArticle.article.id"]!.GetValue<string>();
                if (publish)
                {
                    var published = await Client.PostAsync("mutation($input: PublishArticleInput!) { publishArticle(input: $input) { errors { code message } } }",
                        new { input = new { articleId = article } }, admin);
                    published.UserErrors("publishArticle").ShouldBeEmpty(published.Body);
                }
                (publish ? result.Published : result.Drafts).Add(article);
            }
        }
        return result;
    }
}

/// <summary><c>nodes(ids:)</c>: one batch per type, the order of the ids, null for what the caller may not see.</summary>
public sealed class NodesTests(NodesFixture fixture) : IClassFixture<NodesFixture>
{
    private const string Nodes = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";

    private async Task<List<string?>> NodesAsync(IEnumerable<string> ids, string? token) =>
        (await fixture.Client.DataAsync(Nodes, new { ids = ids.ToArray() }, token))["nodes"]!.AsArray()
            .Select(n => n?["id"]?.GetValue<string>()).ToList();

    /// <summary>The fewest SQL round trips of two runs of <c>nodes</c> (the token check's 5-second cache may expire in either one).</summary>
    private async Task<int> RoundTripsAsync(IReadOnlyList<string> ids, string? token)
    {
        await NodesAsync(ids, token); // warm: the pool's physical connections count too
        using var counter = new SqlCounter(fixture.ConnectionString);
        var fewest = int.MaxValue;
        for (var run = 0; run < 2; run++)
        {
            counter.Reset();
            (await NodesAsync(ids, token)).ShouldBe(ids.Select(i => (string?)i).ToList());
            fewest = Math.Min(fewest, counter.Count);
        }
        return fewest;
    }

    [Fact]
    public async Task Five_and_fifty_ids_of_one_type_cost_the_same_round_trips()
    {
        var made = await fixture.MadeAsync();
        var admin = await fixture.AdminTokenAsync();
        var branches = new List<string>(made.Branches);
        while (branches.Count < 50) branches.Add(await MembershipApi.CreateBranchAsync(fixture.Client, admin));

        var five = await RoundTripsAsync(branches.Take(5).ToList(), token: null);
        var fifty = await RoundTripsAsync(branches.Take(50).ToList(), token: null);
        five.ShouldBeGreaterThan(0);
        fifty.ShouldBe(five);
    }

    [Fact]
    public async Task Every_type_loads_in_one_batch_whatever_the_number_of_its_ids()
    {
        var made = await fixture.MadeAsync();
        var admin = await fixture.AdminTokenAsync();
        List<string> Of(int count) =>
        [
            .. made.Branches.Take(count), .. made.Applications.Take(count), .. made.Members.Take(count), .. made.Campaigns.Take(count),
            .. made.Actions.Take(count), .. made.Drafts.Take(count), .. made.Published.Take(count),
        ];
        var one = await RoundTripsAsync(Of(1), admin);
        var all = await RoundTripsAsync(Of(NodesFixture.PerType), admin);
        one.ShouldBeGreaterThan(0);
        all.ShouldBe(one);
    }

    [Fact]
    public async Task The_answer_keeps_the_order_of_the_ids_with_null_for_unknown_and_invisible_ones()
    {
        var made = await fixture.MadeAsync();
        var unknownCampaign = GlobalId.Encode("Campaign", Guid.NewGuid());
        var unknownType = GlobalId.Encode("Nothing", Guid.NewGuid());
        string[] ids =
        [
            made.Published[0], made.Campaigns[1], unknownCampaign, made.Members[0], made.Branches[2], made.Drafts[0],
            made.Applications[1], "not a global id", made.Actions[3], unknownType, made.Campaigns[1], made.Published[4],
        ];
        (await NodesAsync(ids, token: null)).ShouldBe(
        [
            made.Published[0], made.Campaigns[1], null, null, made.Branches[2], null,
            null, null, made.Actions[3], null, made.Campaigns[1], made.Published[4],
        ]);
        (await NodesAsync(ids, await fixture.AdminTokenAsync())).ShouldBe(
        [
            made.Published[0], made.Campaigns[1], null, made.Members[0], made.Branches[2], made.Drafts[0],
            made.Applications[1], null, made.Actions[3], null, made.Campaigns[1], made.Published[4],
        ]);
    }

    [Fact]
    public async Task Nodes_answers_what_node_answers_one_id_at_a_time_for_every_caller()
    {
        var made = await fixture.MadeAsync();
        var member = await MemberApi.JoinAsync(fixture, made.Branches[0]);
        var organiser = await MemberApi.JoinAsync(fixture, made.Branches[0], "ORGANISER");
        string[] ids =
        [
            .. made.Branches.Take(2), .. made.Applications.Take(2), .. made.Members.Take(2), member.MemberId, .. made.Campaigns.Take(2),
            .. made.Actions.Take(2), .. made.Drafts.Take(2), .. made.Published.Take(2),
        ];
        foreach (var token in new[] { null, member.Token, organiser.Token, await fixture.AdminTokenAsync() })
        {
            var oneByOne = new List<string?>();
            foreach (var id in ids)
            {
                var node = (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, token))["node"];
                oneByOne.Add(node?["id"]?.GetValue<string>());
            }
            (await NodesAsync(ids, token)).ShouldBe(oneByOne);
        }
    }
}
