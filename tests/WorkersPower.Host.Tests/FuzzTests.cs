using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;
using Xunit.Abstractions;

namespace WorkersPower.Host.Tests;

/// <summary>
/// Feeds mutated valid operations to /graphql for a fixed time (WP_FUZZ_SECONDS, 20 by default; the seed
/// is printed, WP_FUZZ_SEED repeats a run): broken documents, wrong and hostile variables, truncated and
/// mistyped bodies. Every answer must be a clear refusal or a result: no 5xx, no internal error, nothing
/// unhandled in the log.
/// </summary>
[StartsFirst]
public sealed class FuzzTests(PlatformFixture fixture, ITestOutputHelper output) : IClassFixture<PlatformFixture>
{
    private static readonly (string Query, string Variables)[] Seeds =
    [
        ("query CampaignPage($slug: String!) { campaign(slug: $slug) { id title progress { signUps participants } actions(upcomingOnly: true, first: 20) { totalCount nodes { id title placesLeft } } } }", """{"slug":"fuzz-campaign"}"""),
        ("query($first: Int, $after: String) { articles(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug title author { displayName } } } }", """{"first":5,"after":null}"""),
        ("query($q: String!) { searchArticles(query: $q, first: 5) { nodes { title } } }", """{"q":"strike -picket \"rank and file\""}"""),
        ("query($s: String) { members(filter: {search: $s}, first: 10) { totalCount nodes { id givenName email status branch { name } } } }", """{"s":"smith"}"""),
        ("mutation($input: ApplyForMembershipInput!) { applyForMembership(input: $input) { application { id } errors { code field message } } }",
            """{"input":{"givenName":"Fuzz","familyName":"Tester","email":"fuzz@example.org","postcode":"E1 6AN","contribution":{"amount":5,"currency":"GBP"},"contributionFrequency":"MONTHLY","acceptsProgramme":true,"consentToContact":true,"interests":["palestine"]}}"""),
        ("mutation($email: String!, $password: String!) { signIn(input: {email: $email, password: $password}) { accessToken errors { code } } }", """{"email":"nobody@example.org","password":"wrong password here"}"""),
        ("query($id: ID!) { node(id: $id) { id ... on Campaign { title } ... on Member { email } } }", """{"id":"Q2FtcGFpZ246MDE5"}"""),
        ("{ viewer { email roles } branches { id name } campaigns(first: 3) { nodes { slug } } }", "{}"),
    ];

    private const string Punctuation = "{}()[]$:!@\"...#,\\";

    private static readonly string[] Hostile =
    [
        "", "\0", "\u0001\u001f", "<script>alert(1)</script>", "'; drop table members; --", "{\"a\":", "𝕏\uFFFD\u200B\u202E", "%s%n", "../../etc/passwd",
        new string('a', 100_000), "-1", "99999999999999999999", "1e309", "NaN", "null", "true", "[]", "{}",
    ];

    [Fact]
    public async Task Mutated_operations_get_clear_answers_and_never_a_server_error()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WP_FUZZ_SEED"), out var s) ? s : Environment.TickCount;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("WP_FUZZ_SECONDS"), out var d) ? d : 20;
        output.WriteLine($"fuzz seed {seed}, {seconds} s");
        var random = new Random(seed);
        var admin = await fixture.AdminTokenAsync();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var sent = 0;
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();
        while (DateTime.UtcNow < until && failures.Count < 5)
        {
            var (query, variables) = Seeds[random.Next(Seeds.Length)];
            var (body, contentType) = Mutate(random, query, variables);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Accept.ParseAdd(random.Next(4) == 0 ? "application/json" : "application/graphql-response+json");
            if (random.Next(2) == 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await fixture.Client.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            sent++;
            byStatus[(int)response.StatusCode] = byStatus.GetValueOrDefault((int)response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500 || text.Contains(ErrorCodes.Internal, StringComparison.Ordinal))
                failures.Add($"{(int)response.StatusCode} for {Shorten(body)} -> {Shorten(text)}");
        }
        output.WriteLine($"{sent} requests; statuses {string.Join(", ", byStatus.Select(p => $"{p.Key}: {p.Value}"))}");
        failures.ShouldBeEmpty($"seed {seed}");
        sent.ShouldBeGreaterThan(100);
        byStatus.Keys.ShouldContain(200);
        byStatus.Keys.ShouldContain(400);
        fixture.Logs.Lines.Where(l => l.Level >= LogLevel.Error && l.Category.Contains("GraphQL", StringComparison.Ordinal)).ShouldBeEmpty($"seed {seed}");
    }

    [Fact]
    public async Task The_nul_character_is_refused_with_a_clear_error()
    {
        // Found by the fuzzer: PostgreSQL cannot store U+0000 in text, so it used to end as an internal error.
        var inVariables = await fixture.Client.PostAsync("query($slug: String!) { campaign(slug: $slug) { id } }", new { slug = "a\0b" });
        inVariables.Status.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        inVariables.ErrorCodes.ShouldBe(["BAD_REQUEST"]);
        var inDocument = await fixture.Client.PostAsync("{ campaign(slug: \"a\\u0000b\") { id } }");
        inDocument.ErrorCodes.ShouldBe(["BAD_REQUEST"]);
    }

    [Fact]
    public async Task A_name_given_twice_in_the_variables_is_refused_with_a_clear_error()
    {
        // Found by the fuzzer: the duplicate name broke reading the variables and ended as a server error.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"query($slug: String!) { campaign(slug: $slug) { id } }","variables":{"slug":"a","slug":"b"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await fixture.Client.Http.SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("BAD_REQUEST");
    }

    private static (string Body, string ContentType) Mutate(Random random, string query, string variables)
    {
        var contentType = random.Next(20) switch
        {
            0 => "text/plain",
            1 => "application/x-www-form-urlencoded",
            2 => "application/graphql",
            _ => "application/json",
        };
        switch (random.Next(6))
        {
            case 0: query = MutateText(random, query); break;
            case 1: variables = MutateVariables(random, variables); break;
            case 2:
                query = MutateText(random, query);
                variables = MutateVariables(random, variables);
                break;
        }
        var body = new JsonObject { ["query"] = query };
        try { body["variables"] = JsonNode.Parse(variables); }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException) { body["variables"] = variables; }
        var text = body.ToJsonString();
        return random.Next(12) switch
        {
            0 => (text[..random.Next(text.Length)], contentType), // truncated JSON
            1 => ("[" + text + "," + text + "]", contentType),     // a batch
            2 => (variables, contentType),                          // not a request at all
            _ => (text, contentType),
        };
    }

    private static string MutateText(Random random, string text)
    {
        var at = random.Next(text.Length);
        return random.Next(7) switch
        {
            0 => text.Remove(at, Math.Min(text.Length - at, random.Next(1, 12))),
            1 => text.Insert(at, text.Substring(random.Next(text.Length / 2), random.Next(1, text.Length / 2))),
            2 => text.Insert(at, Punctuation[random.Next(Punctuation.Length)].ToString()),
            3 => text.Insert(at, Hostile[random.Next(Hostile.Length)]),
            4 => text.Replace("first: 20", $"first: {random.Next(-5, int.MaxValue)}").Replace("first: 5", "first: 99999999999"),
            5 => string.Concat(Enumerable.Repeat(text[..at] + "{", random.Next(1, 40))),
            _ => new string(text.Select(c => random.Next(40) == 0 ? (char)random.Next(0, 0x3000) : c).ToArray()),
        };
    }

    private static string MutateVariables(Random random, string variables)
    {
        if (random.Next(5) == 0) return MutateText(random, variables);
        JsonObject node;
        try { node = JsonNode.Parse(variables)!.AsObject(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException) { return variables + Hostile[random.Next(Hostile.Length)]; }
        var target = node;
        if (node["input"] is JsonObject input && random.Next(3) > 0) target = input;
        var keys = target.Select(p => p.Key).ToList();
        var key = keys.Count == 0 || random.Next(5) == 0 ? "unexpected" + random.Next(3) : keys[random.Next(keys.Count)];
        target[key] = random.Next(8) switch
        {
            0 => null,
            1 => random.Next(int.MinValue, int.MaxValue),
            2 => 1e308,
            3 => new JsonArray("a", 1, null),
            4 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = Hostile[random.Next(Hostile.Length)] } },
            5 => true,
            _ => Hostile[random.Next(Hostile.Length)],
        };
        return node.ToJsonString();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
