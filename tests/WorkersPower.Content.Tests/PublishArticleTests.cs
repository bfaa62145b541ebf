using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>publishArticle's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class PublishArticleTests
{
    private static Decision When(Article article) => new PublishArticle(Id, Editor).Decide(article, Now);

    [Fact]
    public void A_draft_an_article_in_review_or_an_unpublished_one_is_published()
    {
        foreach (var (status, article) in InEveryStatus().Where(s => s.Status is ArticleStatus.Draft or ArticleStatus.InReview or ArticleStatus.Unpublished))
            When(article).Events.ShouldBe([new ArticlePublished(Id, Account, Now)], status.ToString());
    }

    [Fact]
    public void Once_published_the_article_keeps_its_first_publication_date_and_its_slug_for_good()
    {
        var republished = Article(Drafted(), Published, Unpublished, new ArticlePublished(Id, Account, Now));
        republished.Status.ShouldBe(ArticleStatus.Published);
        republished.PublishedAt.ShouldBe(Published.At);
        republished.EverPublished.ShouldBeTrue();
    }

    [Fact]
    public void A_published_or_archived_article_is_not_published_again()
    {
        foreach (var (status, article) in InEveryStatus().Where(s => s.Status is ArticleStatus.Published or ArticleStatus.Archived))
        {
            var refusal = When(article).Refusal();
            refusal.Code.ShouldBe(ErrorCodes.InvalidState, status.ToString());
            refusal.Message.ShouldBe("The article is published already, or archived.");
        }
    }

    [Fact]
    public void A_page_is_no_article_to_publish() =>
        When(Article(Drafted(kind: ArticleKind.Page))).Refusal().ShouldBe(ArticleRules.NoSuchArticle);
}
