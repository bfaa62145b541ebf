using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

internal static class Persisted
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(Repository.Root, "src", "Host", "PersistedDocuments", name));

    public static string IdOf(string name) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Text(name))));

    public static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(GraphQLClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/graphql", body);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

public sealed class PersistedDocumentsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task A_registered_document_runs_by_its_id()
    {
        var (status, body) = await Persisted.PostAsync(fixture.Client, new { documentId = Persisted.IdOf("LatestArticles.graphql"), variables = new { first = 5 } });
        status.ShouldBe(HttpStatusCode.OK);
        body["errors"].ShouldBeNull(body.ToJsonString());
        body["data"]!["articles"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
        var get = await fixture.Client.Http.GetStringAsync("/graphql?documentId=" + Uri.EscapeDataString(Persisted.IdOf("LatestArticles.graphql")));
        JsonNode.Parse(get)!["data"]!["articles"].ShouldNotBeNull();
    }

    [Fact]
    public async Task An_unknown_id_or_both_a_query_and_an_id_are_refused()
    {
        var (_, unknown) = await Persisted.PostAsync(fixture.Client, new { documentId = "sha256:" + new string('0', 64) });
        unknown["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("PERSISTED_DOCUMENT_NOT_FOUND");
        var (_, both) = await Persisted.PostAsync(fixture.Client, new { documentId = Persisted.IdOf("LatestArticles.graphql"), query = "{ branches { name } }" });
        both["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("BAD_REQUEST");
    }
}

public sealed class PersistedOnlyFixture : PlatformFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["GraphQL:PersistedDocumentsOnly"] = "true";
        return settings;
    }
}

public sealed class PersistedOnlyTests(PersistedOnlyFixture fixture) : IClassFixture<PersistedOnlyFixture>
{
    [Fact]
    public async Task In_locked_down_mode_only_registered_documents_run()
    {
        var (_, query) = await Persisted.PostAsync(fixture.Client, new { query = "{ branches { name } }" });
        query["errors"]![0]!["extensions"]!["code"]!.GetValue<string>().ShouldBe("PERSISTED_DOCUMENTS_ONLY");
        query["data"].ShouldBeNull();
        var (status, page) = await Persisted.PostAsync(fixture.Client, new { documentId = Persisted.IdOf("CampaignPage.graphql"), variables = new { slug = "none" } });
        status.ShouldBe(HttpStatusCode.OK);
        page["errors"].ShouldBeNull(page.ToJsonString());
        page["data"]!["campaign"].ShouldBeNull();
    }
}
