using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Content.Tests;

/// <summary>The "given" of the article deciders: an article's events, folded by ArticleProjection, with no database.</summary>
internal static class ArticleHistory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid Id = Guid.NewGuid(), Account = Guid.NewGuid(), Member = Guid.NewGuid();
    public static readonly Caller Editor = new(Account, Member, [Roles.Editor]);

    public static ArticleContent SomeContent(string title = "Pickets at the depot", string body = "Line one.\nLine two.") =>
        new(title, "A summary.", body, ["strikes"], Visibility.Public);

    public static ArticleDrafted Drafted(string slug = "pickets-at-the-depot", ArticleKind kind = ArticleKind.Article, ArticleContent? content = null) =>
        new(Id, kind, slug, content ?? SomeContent(), null, Member, Account, Now.AddDays(-2));

    public static ArticleRevised Revised(string title = "Pickets at the depot, revised") => new(Id, SomeContent(title), null, null, Account, Now.AddDays(-1));
    public static ArticleSubmittedForReview Submitted => new(Id, Account, Now.AddHours(-3));
    public static ArticlePublished Published => new(Id, Account, Now.AddHours(-2));
    public static ArticleUnpublished Unpublished => new(Id, Account, Now.AddHours(-1));
    public static ArticleArchived Archived => new(Id, Account, Now.AddMinutes(-30));

    /// <summary>The article these events make, at the stream version Marten would give it (one per event).</summary>
    public static Article Article(params object[] events)
    {
        var article = Given.Events<ArticleProjection, Article>(events);
        article.Version = events.Length;
        return article;
    }

    /// <summary>An article in each status the workflow knows, by the events that lead there.</summary>
    public static IEnumerable<(ArticleStatus Status, Article Article)> InEveryStatus()
    {
        yield return (ArticleStatus.Draft, Article(Drafted()));
        yield return (ArticleStatus.InReview, Article(Drafted(), Submitted));
        yield return (ArticleStatus.Published, Article(Drafted(), Published));
        yield return (ArticleStatus.Unpublished, Article(Drafted(), Published, Unpublished));
        yield return (ArticleStatus.Archived, Article(Drafted(), Archived));
    }

    public static UserError Refusal(this Decision decision) => decision.Errors.ShouldHaveSingleItem();
}
