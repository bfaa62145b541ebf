using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>submitArticleForReview's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class SubmitArticleForReviewTests
{
    private static Decision When(Article article) => new SubmitArticleForReview(Id, Editor).Decide(article, Now);

    [Fact]
    public void A_draft_or_an_unpublished_article_goes_to_review()
    {
        When(Article(Drafted())).Events.ShouldBe([new ArticleSubmittedForReview(Id, Account, Now)]);
        When(Article(Drafted(), Published, Unpublished)).Events.ShouldBe([new ArticleSubmittedForReview(Id, Account, Now)]);
        Article(Drafted(), new ArticleSubmittedForReview(Id, Account, Now)).Status.ShouldBe(ArticleStatus.InReview);
    }

    [Fact]
    public void An_article_in_review_published_or_archived_does_not()
    {
        foreach (var (status, article) in InEveryStatus().Where(s => s.Status is ArticleStatus.InReview or ArticleStatus.Published or ArticleStatus.Archived))
        {
            var refusal = When(article).Refusal();
            refusal.Code.ShouldBe(ErrorCodes.InvalidState, status.ToString());
            refusal.Message.ShouldBe("Only drafts (or unpublished articles) go to review.");
        }
    }

    [Fact]
    public void A_page_is_no_article_to_review() =>
        When(Article(Drafted(kind: ArticleKind.Page))).Refusal().ShouldBe(ArticleRules.NoSuchArticle);
}
