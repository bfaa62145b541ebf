using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>archiveArticle's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class ArchiveArticleTests
{
    private static Decision When(Article article) => new ArchiveArticle(Id, Editor).Decide(article, Now);

    [Fact]
    public void Any_article_not_archived_yet_is_archived()
    {
        foreach (var (status, article) in InEveryStatus().Where(s => s.Status != ArticleStatus.Archived))
            When(article).Events.ShouldBe([new ArticleArchived(Id, Account, Now)], status.ToString());
    }

    [Fact]
    public void An_archived_article_is_archived_already()
    {
        var refusal = When(Article(Drafted(), Archived)).Refusal();
        refusal.Code.ShouldBe(ErrorCodes.InvalidState);
        refusal.Message.ShouldBe("The article is archived already.");
    }

    [Fact]
    public void A_page_is_not_archived() =>
        When(Article(Drafted(kind: ArticleKind.Page))).Refusal().ShouldBe(ArticleRules.NoSuchArticle);
}
