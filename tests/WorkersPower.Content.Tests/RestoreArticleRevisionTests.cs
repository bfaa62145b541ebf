using WorkersPower.Content.Articles;
using WorkersPower.Platform;
using static WorkersPower.Content.Tests.ArticleHistory;

namespace WorkersPower.Content.Tests;

/// <summary>restoreArticleRevision's rules, Given events and the versions they hold / When the command / Then events or a refusal: no database.</summary>
public sealed class RestoreArticleRevisionTests
{
    private static readonly ArticleContent First = SomeContent("History"), Second = SomeContent("History 2", "alpha\nBETA");

    private static readonly ArticleRevision[] Versions =
    [
        new(1, First, Now.AddDays(-2), null),
        new(2, Second, Now.AddDays(-1), null),
    ];

    private static readonly Article Current = Article(Drafted(content: First), new ArticleRevised(Id, Second, null, null, Account, Now.AddDays(-1)));

    private static Decision When(long expectedVersion, int version) => new RestoreArticleRevision(Id, expectedVersion, version, Editor).Decide(Current, Versions, Now);

    [Fact]
    public void An_earlier_version_becomes_current_as_a_new_version_that_says_which_it_restored()
    {
        var restored = When(2, 1).Events.ShouldHaveSingleItem().ShouldBeOfType<ArticleRevised>();
        restored.ShouldBe(new ArticleRevised(Id, First, null, 1, Account, Now, Member));
        var after = Article(Drafted(content: First), new ArticleRevised(Id, Second, null, null, Account, Now.AddDays(-1)), restored);
        (after.Version, after.Title, after.Body).ShouldBe((3L, "History", First.Body));
    }

    [Fact]
    public void A_stale_expected_version_is_a_CONFLICT()
    {
        var refusal = When(1, 1).Refusal();
        (refusal.Code, refusal.Message).ShouldBe((ErrorCodes.Conflict, "The article is at version 2, not 1: reload it."));
        refusal.Field.ShouldBe(["input", "expectedVersion"]);
    }

    [Fact]
    public void A_version_the_article_never_had_is_NOT_FOUND()
    {
        var refusal = When(2, 7).Refusal();
        (refusal.Code, refusal.Message).ShouldBe((ErrorCodes.NotFound, "There is no version 7."));
        refusal.Field.ShouldBe(["input", "version"]);
    }

    [Fact]
    public void An_archived_article_is_not_restored_it_stays_archived_for_good()
    {
        var archived = Article(Drafted(content: First), new ArticleRevised(Id, Second, null, null, Account, Now.AddDays(-1)), Archived);
        var refusal = new RestoreArticleRevision(Id, archived.Version, 1, Editor).Decide(archived, Versions, Now).Refusal();
        (refusal.Code, refusal.Message).ShouldBe((ErrorCodes.InvalidState, "The article is archived."));
    }
}
