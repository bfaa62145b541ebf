using System.Globalization;
using Xunit.Abstractions;
using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

/// <summary>
/// What the article lists read from PostgreSQL: the fields a list shows, not the bodies, unless a query asks for
/// the body; then the bodies (only they) are read in one more batch. Counted in bytes Npgsql read, so it does
/// not depend on timing.
/// </summary>
public sealed class ArticleListReadsTests(ContentFixture fixture, ITestOutputHelper output) : IClassFixture<ContentFixture>
{
    private const int Articles = 20;
    private const int BodyChars = 50_000;

    private static string BodyOf(int article) =>
        string.Concat(Enumerable.Range(0, BodyChars / 100).Select(p => $"Long read {article:00}, paragraph {p:000}: organise from below, in every workplace and every street.".PadRight(98, '.') + "\n\n"));

    /// <summary>The twenty long articles, once per fixture (its tests run one after the other).</summary>
    private async Task SeedAsync()
    {
        var existing = await fixture.Client.DataAsync("{ articles(filter: { tag: \"longread\" }) { totalCount } }");
        if (existing["articles"]!["totalCount"]!.GetValue<int>() > 0) return;
        for (var i = 0; i < Articles; i++) await fixture.DraftAsync($"Long read {i:00}", BodyOf(i), tags: ["longread"], publish: true);
    }

    [Fact]
    public async Task A_page_of_twenty_long_articles_reads_no_bodies_and_reads_them_once_when_asked()
    {
        await SeedAsync();
        const string List = "{ articles(first: 20, filter: { tag: \"longread\" }) { totalCount nodes { id slug title summary publishedAt updatedAt tags status visibility version author { displayName } } } }";
        const string WithBodies = "{ articles(first: 20, filter: { tag: \"longread\" }) { nodes { title body } } }";
        await fixture.Client.DataAsync(List); // warm up: the schema, the first statements
        await fixture.Client.DataAsync(WithBodies);

        using var bytes = new BytesReadCounter(fixture.ConnectionString);
        var list = await fixture.Client.DataAsync(List);
        var listRead = bytes.Read;
        list["articles"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>())
            .ShouldBe(Enumerable.Range(0, Articles).Select(i => $"Long read {Articles - 1 - i:00}"));
        list["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(Articles);
        list["articles"]!["nodes"]![0]!["version"]!.GetValue<int>().ShouldBe(2); // drafted, published

        bytes.Reset();
        var bodies = await fixture.Client.DataAsync(WithBodies);
        var bodiesRead = bytes.Read;
        var nodes = bodies["articles"]!["nodes"]!.AsArray();
        nodes.Count.ShouldBe(Articles);
        for (var i = 0; i < Articles; i++)
            nodes[i]!["body"]!.GetValue<string>().ShouldBe(BodyOf(Articles - 1 - i), $"the body of {nodes[i]!["title"]}");

        output.WriteLine($"articles(first: 20) of {BodyChars:N0}-character bodies: {listRead:N0} bytes read without body, {bodiesRead:N0} with body");
        const long AllBodies = (long)Articles * BodyChars;
        listRead.ShouldBeLessThan(AllBodies / 20, $"the list without bodies read {listRead:N0} bytes");
        bodiesRead.ShouldBeGreaterThan(AllBodies, "the bodies were read");
        bodiesRead.ShouldBeLessThan(AllBodies * 5 / 4, $"the bodies, each once, read {bodiesRead:N0} bytes");
    }

    [Fact]
    public async Task A_search_among_long_articles_reads_no_bodies_unless_asked()
    {
        await SeedAsync();
        const string Search = "{ searchArticles(query: \"organise\", first: 20) { totalCount nodes { slug title tags } } }";
        await fixture.Client.DataAsync(Search);

        using var bytes = new BytesReadCounter(fixture.ConnectionString);
        var found = await fixture.Client.DataAsync(Search);
        var read = bytes.Read;
        output.WriteLine($"searchArticles(first: 20) of {BodyChars:N0}-character bodies: {read:N0} bytes read without body");
        found["searchArticles"]!["nodes"]!.AsArray().Count.ShouldBe(Articles);
        read.ShouldBeLessThan((long)Articles * BodyChars / 20, $"the search without bodies read {read:N0} bytes");

        var withBody = await fixture.Client.DataAsync("{ searchArticles(query: \"organise\", first: 1) { nodes { title body } } }");
        var first = withBody["searchArticles"]!["nodes"]![0]!;
        first["body"]!.GetValue<string>().ShouldBe(BodyOf(int.Parse(first["title"]!.GetValue<string>()[^2..], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Pages_forward_and_backward_cover_the_list_in_order_and_each_page_is_one_round_trip()
    {
        await SeedAsync();
        const string Forward = "query($after: String) { articles(first: 7, after: $after, filter: { tag: \"longread\" }) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { title } } }";
        const string Backward = "query($before: String) { articles(last: 7, before: $before, filter: { tag: \"longread\" }) { pageInfo { hasNextPage hasPreviousPage startCursor } nodes { title } } }";
        var expected = Enumerable.Range(0, Articles).Select(i => $"Long read {Articles - 1 - i:00}").ToList();

        var forward = new List<string>();
        string? after = null;
        using var statements = new SqlStatementLog(fixture.ConnectionString);
        for (var pages = 0; ; pages++)
        {
            statements.Reset();
            var page = (await fixture.Client.DataAsync(Forward, new { after }))["articles"]!;
            statements.Statements.Count.ShouldBe(1, "the total and the page come together");
            page["totalCount"]!.GetValue<int>().ShouldBe(Articles);
            page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>().ShouldBe(after is not null);
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
            pages.ShouldBeLessThan(5);
        }
        forward.ShouldBe(expected);

        var backward = new List<string>();
        string? before = null;
        for (var pages = 0; ; pages++)
        {
            var page = (await fixture.Client.DataAsync(Backward, new { before }))["articles"]!;
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>()) break;
            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
            pages.ShouldBeLessThan(5);
        }
        backward.ShouldBe(expected);

        (await fixture.Client.DataAsync("{ articles(first: 0, filter: { tag: \"longread\" }) { totalCount pageInfo { hasNextPage } nodes { title } } }"))["articles"]!
            .ToJsonString().ShouldBe($"{{\"totalCount\":{Articles},\"pageInfo\":{{\"hasNextPage\":false}},\"nodes\":[]}}");
        (await fixture.Client.PostAsync("{ articles(after: \"bm90IGEgY3Vyc29y\") { totalCount } }")).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }

    [Fact]
    public async Task A_list_total_is_counted_once_in_a_while_and_a_change_on_this_node_shows_at_once()
    {
        await SeedAsync();
        const string List = "{ articles(first: 3, filter: { tag: \"totals\" }) { totalCount nodes { title } } }";
        await fixture.DraftAsync("Totals 1", tags: ["totals"], publish: true);
        using var statements = new SqlStatementLog(fixture.ConnectionString);
        (await fixture.Client.DataAsync(List))["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        statements.Statements.ShouldHaveSingleItem().ShouldContain("count(*)");

        statements.Reset();
        (await fixture.Client.DataAsync(List))["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        statements.Statements.ShouldHaveSingleItem().ShouldNotContain("count(*)", Case.Insensitive, "the total was kept");

        await fixture.DraftAsync("Totals 2", tags: ["totals"], publish: true);
        var after = (await fixture.Client.DataAsync(List))["articles"]!;
        after["totalCount"]!.GetValue<int>().ShouldBe(2, "a commit on this node forgets the kept totals");
        after["nodes"]!.AsArray().Count.ShouldBe(2);
    }
}
