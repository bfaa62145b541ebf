using System.Net;
using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

public sealed class ArticleTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    private const string BySlug = "query($slug: String!) { article(slug: $slug) { id title status author { displayName } } }";

    [Fact]
    public async Task Drafts_are_seen_by_editors_only_on_every_path()
    {
        var editor = await fixture.EditorAsync();
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var (id, slug) = await fixture.DraftAsync("Secret draft about pickets", "pickets and more pickets");
        foreach (var token in new[] { (string?)null, member.Token })
        {
            (await fixture.Client.DataAsync(BySlug, new { slug }, token))["article"].ShouldBeNull();
            (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id }, token))["node"].ShouldBeNull();
            (await fixture.Client.DataAsync("{ articles(first: 100) { nodes { id } } }", token: token))["articles"]!["nodes"]!.AsArray().ShouldNotContain(n => n!["id"]!.GetValue<string>() == id);
            (await fixture.Client.DataAsync("{ searchArticles(query: \"secret draft\") { totalCount } }", token: token))["searchArticles"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
        }
        var seen = await fixture.Client.DataAsync(BySlug, new { slug }, editor.Token);
        seen["article"]!["status"]!.GetValue<string>().ShouldBe("DRAFT");
        seen["article"]!["author"]!["displayName"]!.GetValue<string>().ShouldBe("Rosa Worker");
        (await fixture.Client.DataAsync("{ searchArticles(query: \"secret draft\") { totalCount } }", token: editor.Token))["searchArticles"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        (await fixture.Client.PostAsync(ContentFixture.Draft, new { input = new { title = "Mine", body = "x" } }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Members_only_articles_are_for_signed_in_members()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var (id, slug) = await fixture.DraftAsync("Internal bulletin on depots", visibility: "MEMBERS", publish: true);
        (await fixture.Client.DataAsync(BySlug, new { slug }))["article"].ShouldBeNull();
        (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id }))["node"].ShouldBeNull();
        (await fixture.Client.DataAsync("{ searchArticles(query: \"internal bulletin\") { totalCount } }"))["searchArticles"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
        (await fixture.Client.DataAsync(BySlug, new { slug }, member.Token))["article"]!["id"]!.GetValue<string>().ShouldBe(id);
        (await fixture.Client.DataAsync("{ searchArticles(query: \"internal bulletin\") { totalCount } }", token: member.Token))["searchArticles"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        var anonymousList = await fixture.Client.DataAsync("{ articles(first: 100) { nodes { id } } }");
        anonymousList["articles"]!["nodes"]!.AsArray().ShouldNotContain(n => n!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_stale_revision_gets_CONFLICT_and_changes_nothing()
    {
        var editor = await fixture.EditorAsync();
        var (id, _) = await fixture.DraftAsync("Versioned article", "line one");
        var ok = await fixture.Client.PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 1, body = "line one\nline two" } }, editor.Token);
        ok.UserErrors("reviseArticle").ShouldBeEmpty();
        ok["reviseArticle.article.version"]!.GetValue<int>().ShouldBe(2);
        var stale = await fixture.Client.PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 1, body = "overwrite" } }, editor.Token);
        var error = stale.UserErrors("reviseArticle").Single();
        error.Code.ShouldBe("CONFLICT");
        error.Field.ShouldBe("input.expectedVersion");
        var now = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Article { version body } } }", new { id }, editor.Token);
        now["node"]!["version"]!.GetValue<int>().ShouldBe(2);
        now["node"]!["body"]!.GetValue<string>().ShouldBe("line one\nline two");
    }

    [Fact]
    public async Task Two_editors_revising_at_once_give_one_revision_and_one_conflict()
    {
        var editor = await fixture.EditorAsync();
        var (id, _) = await fixture.DraftAsync("Contended article");
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            fixture.NewClient().PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 1, body = $"edit {i}" } }, editor.Token)));
        var outcomes = responses.Select(r => r.UserErrors("reviseArticle")).ToList();
        outcomes.Count(e => e.Count == 0).ShouldBe(1);
        outcomes.Where(e => e.Count > 0).ShouldAllBe(e => e.Single().Code == "CONFLICT");
        var revisions = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Article { version revisions { totalCount } } } }", new { id }, editor.Token);
        revisions["node"]!["version"]!.GetValue<int>().ShouldBe(2);
        revisions["node"]!["revisions"]!["totalCount"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task The_workflow_moves_in_order_and_the_slug_is_fixed_once_published()
    {
        var editor = await fixture.EditorAsync();
        var (id, slug) = await fixture.DraftAsync("Workflow: from draft to archive");
        slug.ShouldBe("workflow-from-draft-to-archive");
        var renamed = await fixture.Client.PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 1, slug = "workflow" } }, editor.Token);
        renamed["reviseArticle.article.slug"]!.GetValue<string>().ShouldBe("workflow");

        async Task<GraphQLResponse> Step(string name, string input) =>
            await fixture.Client.PostAsync($"mutation($input: {input}!) {{ {name}(input: $input) {{ article {{ status }} errors {{ code }} }} }}", new { input = new { articleId = id } }, editor.Token);
        (await Step("unpublishArticle", "UnpublishArticleInput")).UserErrors("unpublishArticle").Single().Code.ShouldBe("INVALID_STATE");
        (await Step("submitArticleForReview", "SubmitArticleForReviewInput"))["submitArticleForReview.article.status"]!.GetValue<string>().ShouldBe("IN_REVIEW");
        (await Step("publishArticle", "PublishArticleInput"))["publishArticle.article.status"]!.GetValue<string>().ShouldBe("PUBLISHED");
        (await Step("publishArticle", "PublishArticleInput")).UserErrors("publishArticle").Single().Code.ShouldBe("INVALID_STATE");
        var fixedSlug = await fixture.Client.PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 4, slug = "something-else" } }, editor.Token);
        fixedSlug.UserErrors("reviseArticle").Single().Field.ShouldBe("input.slug");
        (await Step("unpublishArticle", "UnpublishArticleInput"))["unpublishArticle.article.status"]!.GetValue<string>().ShouldBe("UNPUBLISHED");
        (await fixture.Client.DataAsync(BySlug, new { slug = "workflow" }))["article"].ShouldBeNull();
        (await Step("archiveArticle", "ArchiveArticleInput"))["archiveArticle.article.status"]!.GetValue<string>().ShouldBe("ARCHIVED");
        (await Step("archiveArticle", "ArchiveArticleInput")).UserErrors("archiveArticle").Single().Code.ShouldBe("INVALID_STATE");
    }

    [Fact]
    public async Task Bad_input_names_the_fields_and_slugs_stay_unique()
    {
        var editor = await fixture.EditorAsync();
        var bad = await fixture.Client.PostAsync(ContentFixture.Draft, new { input = new { title = " ", body = "", tags = new[] { "" }, slug = "Not A Slug" } }, editor.Token);
        bad.UserErrors("draftArticle").Select(e => e.Field).ShouldBe(["input.title", "input.body", "input.tags.0", "input.slug"], ignoreOrder: true);
        await fixture.DraftAsync("Same title twice");
        var (_, second) = await fixture.DraftAsync("Same title twice");
        second.ShouldBe("same-title-twice-2");
        var taken = await fixture.Client.PostAsync(ContentFixture.Draft, new { input = new { title = "x", body = "y", slug = "same-title-twice" } }, editor.Token);
        taken.UserErrors("draftArticle").Single().Code.ShouldBe("ALREADY_EXISTS");
        var campaign = await fixture.Client.PostAsync(ContentFixture.Draft, new { input = new { title = "x", body = "y", campaignId = Platform.GlobalId.Encode("Campaign", Guid.NewGuid()) } }, editor.Token);
        campaign.UserErrors("draftArticle").Single().Field.ShouldBe("input.campaignId");
    }

    [Fact]
    public async Task Revisions_are_kept_diffed_and_restored()
    {
        var editor = await fixture.EditorAsync();
        var (id, _) = await fixture.DraftAsync("History", "alpha\nbeta\ngamma");
        await fixture.Client.PostAsync(ContentFixture.Revise, new { input = new { articleId = id, expectedVersion = 1, body = "alpha\nBETA\ngamma\ndelta", title = "History 2" } }, editor.Token);
        var diff = await fixture.Client.DataAsync("query($id: ID!) { articleDiff(articleId: $id, from: 1, to: 2) { fromTitle toTitle lines { kind text } } }", new { id }, editor.Token);
        diff["articleDiff"]!["toTitle"]!.GetValue<string>().ShouldBe("History 2");
        diff["articleDiff"]!["lines"]!.AsArray().Select(l => $"{l!["kind"]!.GetValue<string>()}:{l["text"]!.GetValue<string>()}")
            .ShouldBe(["UNCHANGED:alpha", "REMOVED:beta", "ADDED:BETA", "UNCHANGED:gamma", "ADDED:delta"]);

        const string Restore = "mutation($input: RestoreArticleRevisionInput!) { restoreArticleRevision(input: $input) { article { version title body } errors { code field } } }";
        var restored = await fixture.Client.PostAsync(Restore, new { input = new { articleId = id, version = 1, expectedVersion = 2 } }, editor.Token);
        restored["restoreArticleRevision.article.version"]!.GetValue<int>().ShouldBe(3);
        restored["restoreArticleRevision.article.body"]!.GetValue<string>().ShouldBe("alpha\nbeta\ngamma");
        var revisions = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Article { revisions { nodes { version title restoredFrom } } } } }", new { id }, editor.Token);
        revisions["node"]!["revisions"]!["nodes"]!.AsArray().Select(n => n!["version"]!.GetValue<int>()).ShouldBe([3, 2, 1]);
        revisions["node"]!["revisions"]!["nodes"]![0]!["restoredFrom"]!.GetValue<int>().ShouldBe(1);
        // who made each version, by their byline: the author drafted it, the editor revised and restored it (here the same
        // person; Content learns the name from Membership's MemberJoined, which may arrive a moment after the join)
        const string Who = "query($id: ID!) { node(id: $id) { ... on Article { author { displayName } revisions { nodes { revisedBy { displayName } } } } } }";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var who = (await fixture.Client.DataAsync(Who, new { id }, editor.Token))["node"]!;
        while (who["author"] is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            who = (await fixture.Client.DataAsync(Who, new { id }, editor.Token))["node"]!;
        }
        var byline = who["author"]!["displayName"]!.GetValue<string>();
        byline.ShouldNotBeNullOrWhiteSpace();
        who["revisions"]!["nodes"]!.AsArray().Select(n => n!["revisedBy"]?["displayName"]?.GetValue<string>()).ShouldBe([byline, byline, byline]);
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        (await fixture.Client.PostAsync("query($id: ID!) { articleDiff(articleId: $id, from: 1, to: 2) { toTitle } }", new { id }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Standing_pages_are_saved_with_revisions_and_read_by_slug()
    {
        var editor = await fixture.EditorAsync();
        const string Save = "mutation($input: SavePageInput!) { savePage(input: $input) { article { id version title } errors { code field } } }";
        var created = await fixture.Client.PostAsync(Save, new { input = new { slug = "about-us", title = "About us", body = "Who we are." } }, editor.Token);
        created.UserErrors("savePage").ShouldBeEmpty();
        var stale = await fixture.Client.PostAsync(Save, new { input = new { slug = "about-us", title = "About us", body = "Changed.", expectedVersion = 5 } }, editor.Token);
        stale.UserErrors("savePage").Single().Code.ShouldBe("CONFLICT");
        var revised = await fixture.Client.PostAsync(Save, new { input = new { slug = "about-us", title = "About Workers Power", body = "Changed.", expectedVersion = 1 } }, editor.Token);
        revised["savePage.article.version"]!.GetValue<int>().ShouldBe(2);
        var page = await fixture.Client.DataAsync("{ page(slug: \"about-us\") { title body } article(slug: \"about-us\") { id } }");
        page["page"]!["title"]!.GetValue<string>().ShouldBe("About Workers Power");
        page["article"].ShouldBeNull();
    }

    [Fact]
    public async Task The_feed_is_Atom_with_validators_and_only_public_published_articles()
    {
        var (_, publicSlug) = await fixture.DraftAsync("Feed public article", publish: true);
        await fixture.DraftAsync("Feed members article", visibility: "MEMBERS", publish: true);
        var response = await fixture.Client.Http.GetAsync("/feed.xml");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var etag = response.Headers.ETag!;
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        var atom = System.Xml.Linq.XNamespace.Get("http://www.w3.org/2005/Atom");
        var titles = xml.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        titles.ShouldContain("Feed public article");
        titles.ShouldNotContain("Feed members article");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        again.Headers.IfNoneMatch.Add(etag);
        (await fixture.Client.Http.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        using var since = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        since.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        (await fixture.Client.Http.SendAsync(since)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        await fixture.DraftAsync("Feed newer article", publish: true);
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        changed.Headers.IfNoneMatch.Add(etag);
        (await fixture.Client.Http.SendAsync(changed)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _ = publicSlug;
    }
}
