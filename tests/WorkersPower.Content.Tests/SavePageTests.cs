using WorkersPower.Content.Articles;
using WorkersPower.Content.Pages;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>savePage's rules, Given what has the slug / When the command / Then events or a refusal: no database.</summary>
public sealed class SavePageTests
{
    private static readonly Guid NewId = Guid.NewGuid();

    private static SavePage Save(string slug = "about-us", string title = "About us", string body = "Who we are.", long? expectedVersion = null) =>
        new(slug, title, body, expectedVersion, Editor);

    [Fact]
    public void A_new_slug_makes_a_page_that_is_published_at_once()
    {
        var drafted = Save(slug: " About-Us ", title: " About us ").Decide(null, NewId, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<ArticleDrafted>();
        (drafted.ArticleId, drafted.Kind, drafted.Slug, drafted.Content.Title, drafted.Content.Summary, drafted.Content.Visibility, drafted.AuthorMemberId, drafted.By)
            .ShouldBe((NewId, ArticleKind.Page, "about-us", "About us", (string?)null, Visibility.Public, (Guid?)Member, Account));
        drafted.Content.Tags.ShouldBeEmpty();
        var page = Article(drafted);
        (page.Status, page.EverPublished, page.PublishedAt).ShouldBe((ArticleStatus.Published, true, (DateTimeOffset?)Now));
    }

    [Fact]
    public void A_new_page_meets_the_slug_and_content_rules()
    {
        var errors = Save(slug: "Not A Slug", title: " ", body: "").Decide(null, NewId, Now).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.title", "input.body", "input.slug"]);
    }

    [Fact]
    public void An_articles_slug_is_not_a_page_to_save()
    {
        var refusal = Save(slug: "pickets-at-the-depot").Decide(Article(Drafted()), NewId, Now).Refusal();
        (refusal.Code, refusal.Message).ShouldBe((ErrorCodes.AlreadyExists, "An article has this slug."));
        refusal.Field.ShouldBe(["input", "slug"]);
    }

    [Fact]
    public void A_page_that_exists_is_revised_against_its_version_keeping_what_the_input_has_not()
    {
        var page = Article(Drafted("about-us", ArticleKind.Page));
        var revised = Save(title: "About Workers Power", body: "Changed.", expectedVersion: 1).Decide(page, NewId, Now).Events.ShouldHaveSingleItem().ShouldBeOfType<ArticleRevised>();
        (revised.ArticleId, revised.Content.Title, revised.Content.Body, revised.Content.Summary, revised.Slug).ShouldBe((Id, "About Workers Power", "Changed.", "A summary.", (string?)null));
        revised.Content.Tags.ShouldBe(SomeContent().Tags);
    }

    [Fact]
    public void A_stale_or_missing_expected_version_is_a_CONFLICT()
    {
        var page = Article(Drafted("about-us", ArticleKind.Page));
        Save(expectedVersion: 5).Decide(page, NewId, Now).Refusal().Code.ShouldBe(ErrorCodes.Conflict);
        Save().Decide(page, NewId, Now).Refusal().Message.ShouldStartWith("The article is at version 1, not -1");
    }
}
