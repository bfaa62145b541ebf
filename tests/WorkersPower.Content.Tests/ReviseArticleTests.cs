using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>reviseArticle's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class ReviseArticleTests
{
    private static ReviseArticle Revise(long expectedVersion, string? title = null, string? body = null, string? summary = null, IReadOnlyList<string>? tags = null,
        Visibility? visibility = null, string? slug = null) =>
        new(Id, expectedVersion, title, body, summary, tags, visibility, slug, Editor);

    private static Decision When(Article article, ReviseArticle revise, IReadOnlyCollection<string>? takenSlugs = null) => revise.Decide(article, takenSlugs ?? [], Now);

    private static ArticleRevised RevisionOf(Decision decision) => decision.Events.ShouldHaveSingleItem().ShouldBeOfType<ArticleRevised>();

    [Fact]
    public void The_fields_given_replace_the_current_ones_and_the_others_stay()
    {
        var revised = RevisionOf(When(Article(Drafted()), Revise(1, body: "New body.", tags: [" Housing "])));
        revised.Content.Title.ShouldBe(SomeContent().Title);
        revised.Content.Summary.ShouldBe(SomeContent().Summary);
        revised.Content.Body.ShouldBe("New body.");
        revised.Content.Tags.ShouldBe(["housing"]);
        (revised.ArticleId, revised.Slug, revised.RestoredFrom, revised.By, revised.At, revised.ByMemberId).ShouldBe((Id, (string?)null, (int?)null, Account, Now, (Guid?)Member));
        var after = Article(Drafted(), revised);
        (after.Body, after.Title, after.Slug).ShouldBe(("New body.", SomeContent().Title, "pickets-at-the-depot"));
    }

    [Fact]
    public void A_stale_expected_version_is_a_CONFLICT_and_changes_nothing()
    {
        var refusal = When(Article(Drafted(), Revised()), Revise(1, body: "Overwrite.")).Refusal();
        refusal.Code.ShouldBe(ErrorCodes.Conflict);
        refusal.Field.ShouldBe(["input", "expectedVersion"]);
        refusal.Message.ShouldStartWith("The article is at version 2, not 1");
        When(Article(Drafted(), Revised()), Revise(2, body: "Overwrite.")).Accepted.ShouldBeTrue();
    }

    [Fact]
    public void An_archived_article_is_not_revised() =>
        When(Article(Drafted(), Archived), Revise(2, body: "x")).Refusal().ShouldBe(UserError.InvalidState("The article is archived."));

    [Fact]
    public void The_slug_changes_only_before_the_first_publication()
    {
        RevisionOf(When(Article(Drafted()), Revise(1, slug: " Workflow "))).Slug.ShouldBe("workflow");
        RevisionOf(When(Article(Drafted()), Revise(1, slug: "pickets-at-the-depot"))).Slug.ShouldBeNull(); // the same slug is no change
        var published = When(Article(Drafted(), Published, Unpublished), Revise(3, slug: "something-else")).Refusal();
        (published.Code, published.Message).ShouldBe((ErrorCodes.InvalidState, "The slug of a published article never changes."));
        published.Field.ShouldBe(["input", "slug"]);
        RevisionOf(When(Article(Drafted(), Published), Revise(2, slug: "pickets-at-the-depot", title: "Fine"))).Slug.ShouldBeNull();
    }

    [Fact]
    public void A_new_slug_is_well_formed_and_free()
    {
        var draft = Article(Drafted());
        Revise(1, slug: " Taken ").NewSlug(draft).ShouldBe("taken");
        Revise(1, slug: "pickets-at-the-depot").NewSlug(draft).ShouldBeNull();
        When(draft, Revise(1, slug: "taken"), ["taken"]).Refusal().Code.ShouldBe(ErrorCodes.AlreadyExists);
        When(draft, Revise(1, slug: "two--hyphens")).Refusal().Code.ShouldBe(ErrorCodes.Validation);
    }

    [Fact]
    public void The_new_version_meets_the_content_rules()
    {
        var errors = When(Article(Drafted()), Revise(1, title: " ", body: " ", summary: new string('s', ArticleRules.MaxSummary + 1))).Errors;
        errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.title", "input.summary", "input.body"]);
    }

    [Fact]
    public void A_new_campaign_is_recorded_after_the_new_version_and_an_empty_one_takes_the_article_out()
    {
        var campaign = Guid.NewGuid();
        var moved = When(Article(Drafted()), Revise(1, body: "New body.") with { Campaign = new CampaignChange(campaign) });
        moved.Events.Count.ShouldBe(2);
        moved.Events[0].ShouldBeOfType<ArticleRevised>().Content.Body.ShouldBe("New body.");
        moved.Events[1].ShouldBe(new ArticleCampaignChanged(Id, campaign, Account, Now));
        var inCampaign = Article(Drafted(), moved.Events[0], moved.Events[1]);
        (inCampaign.CampaignId, inCampaign.Version).ShouldBe((campaign, 3L));

        // the same campaign again changes nothing but the version; none takes it out
        RevisionOf(When(inCampaign, Revise(3) with { Campaign = new CampaignChange(campaign) }));
        var removed = When(inCampaign, Revise(3) with { Campaign = new CampaignChange(null) });
        removed.Events[1].ShouldBe(new ArticleCampaignChanged(Id, null, Account, Now));
        Article(Drafted(), moved.Events[0], moved.Events[1], removed.Events[0], removed.Events[1]).CampaignId.ShouldBeNull();
    }

    [Fact]
    public void A_campaign_that_does_not_exist_is_NOT_FOUND_and_changes_nothing()
    {
        var refusal = Revise(1, body: "New body.") with { Campaign = new CampaignChange(Guid.NewGuid()) };
        var decision = refusal.Decide(Article(Drafted()), [], Now, campaignExists: false);
        decision.Events.ShouldBeEmpty();
        var error = decision.Refusal();
        error.Code.ShouldBe(ErrorCodes.NotFound);
        error.Field.ShouldBe(["input", "campaignId"]);
    }
}
