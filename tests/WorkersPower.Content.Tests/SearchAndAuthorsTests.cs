using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

public sealed class SearchAndAuthorsTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private async Task<List<string>> SearchAsync(string query, string? token = null)
    {
        var data = await fixture.Client.DataAsync("query($q: String!) { searchArticles(query: $q, first: 20) { nodes { title } } }", new { q = query }, token);
        return data["searchArticles"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task Search_stems_ranks_and_understands_phrases_and_exclusions()
    {
        await fixture.DraftAsync("Organising the warehouses", "Warehouse workers are organising against zero-hours contracts.", publish: true);
        await fixture.DraftAsync("A note on strikes", "Strike committees, and one mention of warehouses.", publish: true);
        await fixture.DraftAsync("Zero hours in hospitals", "Cleaners on zero hours contracts in hospitals.", publish: true);

        (await SearchAsync("organise")).ShouldContain("Organising the warehouses"); // stemming
        var ranked = await SearchAsync("warehouse");
        ranked.Take(2).ShouldBe(["Organising the warehouses", "A note on strikes"]);
        (await SearchAsync("\"zero hours\" -warehouse")).ShouldBe(["Zero hours in hospitals"]);
        (await SearchAsync("\"hours contracts in hospitals\"")).ShouldBe(["Zero hours in hospitals"]);
        (await SearchAsync("nothingmatchesthis")).ShouldBeEmpty();
        (await fixture.Client.PostAsync("{ searchArticles(query: \"\") { totalCount } }")).ErrorCodes.ShouldBe(["BAD_USER_INPUT"]);
    }

    [Fact]
    public async Task A_newly_published_article_is_found_at_once_and_pages_walk_the_results()
    {
        var (id, _) = await fixture.DraftAsync("Brand new solidarity statement", "About the dockers.");
        (await SearchAsync("solidarity statement")).ShouldBeEmpty();
        await fixture.Client.PostAsync(ContentFixture.Publish, new { input = new { articleId = id } }, (await fixture.EditorAsync()).Token);
        (await SearchAsync("solidarity statement")).ShouldBe(["Brand new solidarity statement"]);

        for (var i = 0; i < 5; i++) await fixture.DraftAsync($"Paging example {i}", "pagination pagination", publish: true);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var data = await fixture.Client.DataAsync("query($after: String) { searchArticles(query: \"pagination\", first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title } } }", new { after });
            var connection = data["searchArticles"]!;
            connection["totalCount"]!.GetValue<int>().ShouldBe(5);
            seen.AddRange(connection["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        seen.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public async Task Articles_filter_by_tag_and_page_newest_first()
    {
        var (first, _) = await fixture.DraftAsync("Tagged one", tags: ["housing"], publish: true);
        var (second, _) = await fixture.DraftAsync("Tagged two", tags: ["housing", "rents"], publish: true);
        var data = await fixture.Client.DataAsync("{ articles(filter: { tag: \"housing\" }, first: 10) { totalCount nodes { id } } }");
        data["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
        data["articles"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([second, first]);
    }

    [Fact]
    public async Task Editors_filter_by_status_and_visibility_and_others_get_published_ones_whatever_they_ask()
    {
        var editor = await fixture.EditorAsync();
        var (draft, _) = await fixture.DraftAsync("Filtered draft", visibility: "MEMBERS", tags: ["filtered"]);
        var (published, _) = await fixture.DraftAsync("Filtered published", visibility: "MEMBERS", tags: ["filtered"], publish: true);
        const string List = "query($f: ArticleFilter) { articles(filter: $f) { nodes { id } } }";
        async Task<List<string>> Ids(object filter, string? token) =>
            (await fixture.Client.DataAsync(List, new { f = filter }, token))["articles"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        (await Ids(new { tag = "filtered", status = "DRAFT", visibility = "MEMBERS" }, editor.Token)).ShouldBe([draft]);
        (await Ids(new { tag = "filtered", visibility = "MEMBERS" }, editor.Token)).ShouldBe([published]);
        (await Ids(new { tag = "filtered", visibility = "PUBLIC" }, editor.Token)).ShouldBeEmpty();
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        (await Ids(new { tag = "filtered", status = "DRAFT" }, member.Token)).ShouldBe([published]);
    }

    [Fact]
    public async Task An_erased_member_no_longer_appears_as_an_author()
    {
        var admin = await fixture.AdminTokenAsync();
        var author = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "EDITOR");
        var response = await fixture.Client.PostAsync(ContentFixture.Draft, new { input = new { title = "By a soon-erased author", body = "Text." } }, author.Token);
        var id = response["draftArticle.article.id"]!.GetValue<string>();
        await fixture.Client.PostAsync(ContentFixture.Publish, new { input = new { articleId = id } }, author.Token);
        const string Author = "query($id: ID!) { node(id: $id) { ... on Article { author { displayName } } } }";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await fixture.Client.DataAsync(Author, new { id }))["node"]!["author"] is null && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await fixture.Client.DataAsync(Author, new { id }))["node"]!["author"]!["displayName"]!.GetValue<string>().ShouldBe("Rosa Worker");

        await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = author.MemberId } }, admin);
        deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await fixture.Client.DataAsync(Author, new { id }))["node"]!["author"] is not null && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await fixture.Client.DataAsync(Author, new { id }))["node"]!["author"].ShouldBeNull();
        var feed = System.Xml.Linq.XDocument.Parse(await fixture.Client.Http.GetStringAsync("/feed.xml"));
        var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var entry = feed.Root!.Elements(atom + "entry").Single(e => e.Element(atom + "title")!.Value == "By a soon-erased author");
        entry.Element(atom + "author")!.Element(atom + "name")!.Value.ShouldBe("Workers Power");
    }

    [Fact]
    public async Task An_article_links_to_its_campaign()
    {
        var organiser = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        var launched = await fixture.Client.PostAsync("mutation { launchCampaign(input: { title: \"Linked campaign\", summary: \"x\" }) { campaign { id } errors { code } } }", token: organiser.Token);
        var campaignId = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var (id, _) = await fixture.DraftAsync("About the linked campaign", campaignId: campaignId, publish: true);
        var data = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Article { campaign { id title } } } }", new { id });
        data["node"]!["campaign"]!["title"]!.GetValue<string>().ShouldBe("Linked campaign");
        var filtered = await fixture.Client.DataAsync("query($c: ID) { articles(filter: { campaignId: $c }) { nodes { id } } }", new { c = campaignId });
        filtered["articles"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([id]);
    }

    [Fact]
    public async Task A_page_of_twenty_articles_with_authors_costs_the_same_round_trips_as_a_page_of_five()
    {
        for (var i = 0; i < 20; i++) await fixture.DraftAsync($"Round trip {i}", publish: true);
        const string Page = "query($first: Int) { articles(first: $first) { totalCount nodes { id title author { displayName } } } }";
        await fixture.Client.DataAsync(Page, new { first = 1 }); // warm up
        using var counter = new SqlCounter(fixture.ConnectionString);
        await fixture.Client.DataAsync(Page, new { first = 5 });
        var five = counter.Count;
        counter.Reset();
        var twenty = await fixture.Client.DataAsync(Page, new { first = 20 });
        twenty["articles"]!["nodes"]!.AsArray().Count.ShouldBe(20);
        counter.Count.ShouldBe(five);
        five.ShouldBeInRange(1, 2); // the page with its count in one batch, the authors in one more
    }
}
