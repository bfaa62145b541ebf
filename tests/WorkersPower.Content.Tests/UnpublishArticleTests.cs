using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>unpublishArticle's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class UnpublishArticleTests
{
    private static Decision When(Article article) => new UnpublishArticle(Id, Editor).Decide(article, Now);

    [Fact]
    public void A_published_article_is_taken_down()
    {
        When(Article(Drafted(), Published)).Events.ShouldBe([new ArticleUnpublished(Id, Account, Now)]);
        Article(Drafted(), Published, new ArticleUnpublished(Id, Account, Now)).Status.ShouldBe(ArticleStatus.Unpublished);
    }

    [Fact]
    public void Only_a_published_article_is_taken_down()
    {
        foreach (var (status, article) in InEveryStatus().Where(s => s.Status != ArticleStatus.Published))
        {
            var refusal = When(article).Refusal();
            refusal.Code.ShouldBe(ErrorCodes.InvalidState, status.ToString());
            refusal.Message.ShouldBe("Only a published article can be unpublished.");
        }
    }

    [Fact]
    public void A_page_is_no_article_to_take_down() =>
        When(Article(Drafted(kind: ArticleKind.Page))).Refusal().ShouldBe(ArticleRules.NoSuchArticle);
}
