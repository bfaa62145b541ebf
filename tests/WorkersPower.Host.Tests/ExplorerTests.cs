using System.Net;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>The GraphiQL explorer at /graphql, in a real headless Chromium driven by Playwright.</summary>
public sealed class ExplorerTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    [Fact]
    public async Task A_browser_gets_the_explorer_page_and_its_assets()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        var page = await fixture.Client.Http.SendAsync(request);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("/explorer/explorer.js");
        (await fixture.Client.Http.GetAsync("/explorer/explorer.js")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Client.Http.GetAsync("/explorer/explorer.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_chromium_the_explorer_shows_the_schema_completes_a_typed_query_and_runs_it_with_the_token_from_its_headers_panel()
    {
        File.Exists(Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium").ShouldBeTrue("Debian's chromium package is needed (build/test.sh installs it).");
        NodeScript.RequirePackage("playwright-core");
        var token = await fixture.AdminTokenAsync();
        var url = new Uri(fixture.ServerAddress!, "/graphql").ToString();
        var screenshot = Path.Combine(Path.GetTempPath(), $"wp-explorer-{Guid.NewGuid():N}.png");
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("explorer.mjs", url, "{ viewer { email roles } }", $"{{\"Authorization\": \"Bearer {token}\"}}", screenshot);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");

            // the prefilled query, run with the token from the headers panel
            Line("RESULT").ShouldContain(PlatformFixture.AdminEmail);
            Line("RESULT").ShouldContain("ADMIN");
            // the schema loaded: the documentation explorer lists Query's fields
            var docs = Line("DOCS").Split(' ');
            docs.ShouldContain("campaigns");
            docs.ShouldContain("articles");
            // "ema" became "email" by accepting the suggestion with Enter, and the query ran without errors
            Line("TYPED").ShouldContain("{ viewer { roles email");
            Line("COMPLETED").ShouldContain("\"data\"");
            Line("COMPLETED").ShouldContain(PlatformFixture.AdminEmail);
            Line("COMPLETED").IndexOf("roles", StringComparison.Ordinal).ShouldBeLessThan(Line("COMPLETED").IndexOf("email", StringComparison.Ordinal)); // the new query's order
            Line("COMPLETED").ShouldNotContain("\"errors\"");
            new FileInfo(screenshot).Length.ShouldBeGreaterThan(10_000);
        }
        finally
        {
            File.Delete(screenshot);
        }
    }
}
