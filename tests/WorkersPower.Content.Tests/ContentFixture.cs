using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

public sealed class ContentFixture : ContentFixtureBase;

/// <summary>A host with an editor and a way to draft articles; subclass it to change settings.</summary>
public class ContentFixtureBase : PlatformFixture
{
    private MemberApi.Person? editor;

    public async Task<MemberApi.Person> EditorAsync() => editor ??= await MemberApi.JoinAsync(this, await BranchAsync(), "EDITOR");

    public const string Draft = "mutation($input: DraftArticleInput!) { draftArticle(input: $input) { article { id slug version status visibility } errors { code message field } } }";
    public const string Publish = "mutation($input: PublishArticleInput!) { publishArticle(input: $input) { article { id status publishedAt } errors { code message } } }";
    public const string Revise = "mutation($input: ReviseArticleInput!) { reviseArticle(input: $input) { article { id slug version title body } errors { code message field } } }";

    public async Task<(string Id, string Slug)> DraftAsync(string title, string body = "Some text.", string visibility = "PUBLIC", string[]? tags = null, bool publish = false, string? campaignId = null)
    {
        var editorToken = (await EditorAsync()).Token;
        var response = await Client.PostAsync(Draft, new { input = new { title, body, summary = "A summary.", visibility, tags = tags ?? ["news"], campaignId } }, editorToken);
        response.UserErrors("draftArticle").ShouldBeEmpty(response.Body);
        var id = response["draftArticle.article.id"]!.GetValue<string>();
        if (publish) (await Client.PostAsync(Publish, new { input = new { articleId = id } }, editorToken)).UserErrors("publishArticle").ShouldBeEmpty();
        return (id, response["draftArticle.article.slug"]!.GetValue<string>());
    }
}
