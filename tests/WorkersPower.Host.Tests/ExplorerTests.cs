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
    public async Task The_explorer_runs_a_query_in_chromium_with_the_token_from_its_headers_panel()
    {
        File.Exists(Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium").ShouldBeTrue("Debian's chromium package is needed (build/test.sh installs it).");
        NodeScript.RequirePackage("playwright-core");
        var token = await fixture.AdminTokenAsync();
        var url = new Uri(fixture.ServerAddress!, "/graphql").ToString();
        var (exitCode, text) = await NodeScript.RunAsync("explorer.mjs", url, "{ viewer { email roles } }", $"{{\"Authorization\": \"Bearer {token}\"}}");
        exitCode.ShouldBe(0, text);
        text.ShouldContain("RESULT");
        text.ShouldContain(PlatformFixture.AdminEmail);
        text.ShouldContain("ADMIN");
    }
}
