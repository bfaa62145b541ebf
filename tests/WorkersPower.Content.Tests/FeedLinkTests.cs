using WorkersPower.Platform;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WorkersPower.Content.Feed;
using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

/// <summary>The feed's links come from Site:PublicUrl, never from the Host header of whoever asked first.</summary>
public static class FeedLinks
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static async Task<(string Id, IReadOnlyList<string> Links, string Text)> ReadAsync(ContentFixtureBase fixture, string host)
    {
        await fixture.DraftAsync($"Linked article {Guid.NewGuid():N}"[..24], publish: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        request.Headers.Host = host;
        using var response = await fixture.Client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var xml = XDocument.Parse(text);
        var links = xml.Descendants(Atom + "link").Select(l => l.Attribute("href")!.Value).ToList();
        return (xml.Root!.Element(Atom + "id")!.Value, links, text);
    }
}

public sealed class ConfiguredSiteFixture : ContentFixtureBase
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings[SiteUrl.Setting] = "https://workerspower.example/";
        return settings;
    }
}

public sealed class FeedLinkTests(ConfiguredSiteFixture configured) : IClassFixture<ConfiguredSiteFixture>
{
    [Fact]
    public async Task With_a_public_url_every_link_is_built_on_it_whatever_the_host_header()
    {
        var (id, links, text) = await FeedLinks.ReadAsync(configured, "evil.example");
        id.ShouldBe("https://workerspower.example/feed.xml");
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(l => l.StartsWith("https://workerspower.example/", StringComparison.Ordinal));
        text.ShouldNotContain("evil.example");
    }

    [Fact]
    public void Only_development_falls_back_to_the_request_and_a_bad_setting_stops_the_start()
    {
        static SiteUrl From(string environment, string? url) => SiteUrl.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteUrl.Setting] = url }).Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        From(Environments.Development, null).ShouldBe(new SiteUrl(null, true));
        From(Environments.Production, null).ShouldBe(new SiteUrl(null, false));
        From(Environments.Production, "https://example.org/news/").ShouldBe(new SiteUrl("https://example.org/news", false));
        Should.Throw<InvalidOperationException>(() => From(Environments.Production, "example.org")).Message.ShouldContain(SiteUrl.Setting);
    }
}

public sealed class UnconfiguredFeedLinkTests(ContentFixture fixture) : IClassFixture<ContentFixture>
{
    [Fact]
    public async Task Without_a_public_url_outside_development_links_are_relative_and_the_host_header_is_ignored()
    {
        var (id, links, text) = await FeedLinks.ReadAsync(fixture, "evil.example");
        id.ShouldBe(AtomFeed.FeedUrn);
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(l => l.StartsWith('/'));
        text.ShouldNotContain("evil.example");
    }
}
