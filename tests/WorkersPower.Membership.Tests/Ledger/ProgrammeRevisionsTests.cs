using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Ledger;

/// <summary>Content's answer to IProgrammeRevisions on a real host: page versions resolve to the revision they showed; other pages and unknown versions to none.</summary>
public sealed class ProgrammeRevisionsTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string SavePage = "mutation($input: SavePageInput!) { savePage(input: $input) { article { id version } errors { code message } } }";

    private async Task<(Guid Id, int Version)> SaveAsync(string slug, string body, int? expectedVersion = null)
    {
        var saved = await fixture.Client.PostAsync(SavePage, new { input = new { slug, title = slug, body, expectedVersion } }, await fixture.AdminTokenAsync());
        saved.UserErrors("savePage").ShouldBeEmpty(saved.Body);
        return (GlobalId.TryDecode(saved["savePage.article.id"]!.GetValue<string>(), "Article")!.Value, saved["savePage.article.version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Versions_of_the_programme_page_resolve_to_their_revision_and_anything_else_to_none()
    {
        var programmes = fixture.Services.GetRequiredService<IProgrammeRevisions>();
        (await programmes.CurrentAsync(default)).ShouldBeNull(); // no programme page yet

        var first = await SaveAsync("programme", "For workers' power.");
        var second = await SaveAsync("programme", "For workers' power, revised.", first.Version);
        var about = await SaveAsync("about", "About us.");

        var current = (await programmes.CurrentAsync(default)).ShouldNotBeNull();
        (current.PageId, current.Version, current.CurrentVersion, current.IsCurrent).ShouldBe((first.Id, second.Version, second.Version, true));
        var old = (await programmes.FindAsync(first.Id, first.Version, default)).ShouldNotBeNull();
        (old.Version, old.CurrentVersion, old.IsCurrent).ShouldBe((first.Version, second.Version, false));

        (await programmes.FindAsync(first.Id, second.Version + 1, default)).ShouldBeNull();
        (await programmes.FindAsync(first.Id, 0, default)).ShouldBeNull();
        (await programmes.FindAsync(about.Id, about.Version, default)).ShouldBeNull();
        (await programmes.FindAsync(Guid.NewGuid(), 1, default)).ShouldBeNull();
    }
}
