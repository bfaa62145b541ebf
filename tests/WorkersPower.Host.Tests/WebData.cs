using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Content and campaigns for the web client's tests, made through the API as an editor or organiser would.</summary>
internal static class WebData
{
    /// <summary>Drafts and publishes an article; its id.</summary>
    public static async Task<string> PublishArticleAsync(GraphQLClient client, string token, string title, string summary, string body)
    {
        var drafted = await client.PostAsync("mutation($input: DraftArticleInput!) { draftArticle(input: $input) { article { id } errors { code message } } }",
            new { input = new { title, summary, body, tags = new[] { "unions" } } }, token);
        drafted.UserErrors("draftArticle").ShouldBeEmpty(drafted.Body);
        var id = drafted["draftArticle.article.id"]!.GetValue<string>();
        var published = await client.PostAsync("mutation($input: PublishArticleInput!) { publishArticle(input: $input) { errors { code message } } }",
            new { input = new { articleId = id } }, token);
        published.UserErrors("publishArticle").ShouldBeEmpty(published.Body);
        return id;
    }

    /// <summary>Launches a campaign whose title is made unique by a short suffix: its id, title and slug.</summary>
    public static async Task<(string Id, string Title, string Slug)> LaunchCampaignAsync(GraphQLClient client, string token, string title, string summary, int goal)
    {
        var unique = $"{title} {Guid.NewGuid():N}"[..(title.Length + 7)];
        var launched = await client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id slug } errors { code message } } }",
            new { input = new { title = unique, summary, goal } }, token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        return (launched["launchCampaign.campaign.id"]!.GetValue<string>(), unique, launched["launchCampaign.campaign.slug"]!.GetValue<string>());
    }
}
