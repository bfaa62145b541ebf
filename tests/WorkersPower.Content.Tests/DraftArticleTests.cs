using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>draftArticle's rules, When the command (and what the handler read) / Then events or a refusal: no database.</summary>
public sealed class DraftArticleTests
{
    private static DraftArticle Draft(string title = "Pickets at the depot", string body = "Some text.", string? summary = null, IReadOnlyList<string>? tags = null,
        Visibility? visibility = null, Guid? campaignId = null, string? slug = null) =>
        new(title, body, summary, tags, visibility, campaignId, slug, Editor);

    private static Decision When(DraftArticle draft, IReadOnlyCollection<string>? takenSlugs = null, bool campaignExists = true) =>
        draft.Decide(Id, takenSlugs ?? [], campaignExists, Now);

    private static ArticleDrafted Drafted(Decision decision) => decision.Events.ShouldHaveSingleItem().ShouldBeOfType<ArticleDrafted>();

    [Fact]
    public void A_draft_records_the_cleaned_content_and_the_byline_of_the_editor()
    {
        var campaign = Guid.NewGuid();
        var drafted = Drafted(When(Draft(title: "  Pickets at the depot ", summary: "   ", tags: [" News ", "news", "Strikes"], visibility: Visibility.Members, campaignId: campaign)));
        (drafted.ArticleId, drafted.Kind, drafted.CampaignId, drafted.AuthorMemberId, drafted.By, drafted.At).ShouldBe((Id, ArticleKind.Article, (Guid?)campaign, (Guid?)Member, Account, Now));
        drafted.Content.Title.ShouldBe("Pickets at the depot");
        drafted.Content.Summary.ShouldBeNull();
        drafted.Content.Tags.ShouldBe(["news", "strikes"]);
        drafted.Content.Visibility.ShouldBe(Visibility.Members);
        Drafted(When(Draft())).Content.Visibility.ShouldBe(Visibility.Public);
        Article(drafted).Status.ShouldBe(ArticleStatus.Draft);
    }

    [Fact]
    public void Without_a_slug_the_title_makes_one_numbered_past_those_taken()
    {
        Drafted(When(Draft(title: "Same title, twice!"))).Slug.ShouldBe("same-title-twice");
        Drafted(When(Draft(title: "Same title, twice!"), ["same-title-twice", "same-title-twice-2"])).Slug.ShouldBe("same-title-twice-3");
        Draft(title: "!!!").SlugWanted.ShouldBe("article");
    }

    [Fact]
    public void A_slug_the_editor_gives_is_well_formed_and_free()
    {
        Drafted(When(Draft(slug: " My-Slug "))).Slug.ShouldBe("my-slug");
        Draft(slug: " My-Slug ").SlugWanted.ShouldBe("my-slug");
        var malformed = When(Draft(slug: "Not A Slug")).Refusal();
        malformed.Code.ShouldBe(ErrorCodes.Validation);
        malformed.Field.ShouldBe(["input", "slug"]);
        var taken = When(Draft(slug: "taken"), ["taken"]).Refusal();
        (taken.Code, taken.Message).ShouldBe((ErrorCodes.AlreadyExists, "The slug 'taken' is taken."));
        taken.Field.ShouldBe(["input", "slug"]);
    }

    [Fact]
    public void Bad_content_names_every_field_at_fault()
    {
        var errors = When(Draft(title: " ", body: "", tags: ["", "ok", new string('t', 51)], slug: "Not A Slug")).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.title", "input.body", "input.tags.0", "input.tags.2", "input.slug"]);
        errors.ShouldAllBe(e => e.Code == ErrorCodes.Validation);
    }

    [Fact]
    public void Lengths_and_text_have_limits()
    {
        static string Field(Decision d) => string.Join('.', d.Refusal().Field!);
        Field(When(Draft(title: new string('t', ArticleRules.MaxTitle + 1)))).ShouldBe("input.title");
        Field(When(Draft(title: "A title\non two lines"))).ShouldBe("input.title");
        Field(When(Draft(summary: new string('s', ArticleRules.MaxSummary + 1)))).ShouldBe("input.summary");
        Field(When(Draft(summary: "bell\a"))).ShouldBe("input.summary");
        Field(When(Draft(body: new string('b', ArticleRules.MaxBody + 1)))).ShouldBe("input.body");
        Field(When(Draft(body: "non-character \uFFFF"))).ShouldBe("input.body");
        Field(When(Draft(tags: [.. Enumerable.Range(0, ArticleRules.MaxTags + 1).Select(i => $"tag{i}")]))).ShouldBe("input.tags");
        When(Draft(title: new string('t', ArticleRules.MaxTitle), summary: "Two\nlines", body: "Tabs\tand\r\nbreaks")).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void A_campaign_that_does_not_exist_is_refused()
    {
        var refusal = When(Draft(campaignId: Guid.NewGuid()), campaignExists: false).Refusal();
        refusal.Code.ShouldBe(ErrorCodes.NotFound);
        refusal.Field.ShouldBe(["input", "campaignId"]);
    }
}
