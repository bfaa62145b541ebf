using System.Linq.Expressions;

namespace WorkersPower.Content.Articles;

/// <summary>What the Article graph type shows of an article: the whole <see cref="Article"/>, or a list's <see cref="ArticleListing"/>.</summary>
public interface IArticleView
{
    Guid Id { get; }
    long Version { get; }
    string Slug { get; }
    string Title { get; }
    string? Summary { get; }
    IReadOnlyList<string> Tags { get; }
    Visibility Visibility { get; }
    ArticleStatus Status { get; }
    Guid? CampaignId { get; }
    Guid? AuthorMemberId { get; }
    DateTimeOffset UpdatedAt { get; }
    DateTimeOffset? PublishedAt { get; }
}

/// <summary>
/// An article as a list shows it: every field of the Article type but the body, read by a Marten Select
/// projection (only these fields of the document leave PostgreSQL). The body, when a query asks for it, comes
/// from <see cref="ContentReads.LoadArticleBody"/>: one more batch for the whole page.
/// </summary>
public sealed record ArticleListing(
    Guid Id, long Version, string Slug, string Title, string? Summary, IReadOnlyList<string> Tags, Visibility Visibility, ArticleStatus Status,
    Guid? CampaignId, Guid? AuthorMemberId, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt, long Sequence) : IArticleView
{
    /// <summary>The projection, for <c>Select</c>: Marten turns it into the SQL that reads only these fields.</summary>
    public static readonly Expression<Func<Article, ArticleListing>> Of = a => new ArticleListing(
        a.Id, a.Version, a.Slug, a.Title, a.Summary, a.Tags, a.Visibility, a.Status, a.CampaignId, a.AuthorMemberId, a.UpdatedAt, a.PublishedAt, a.Sequence);
}

/// <summary>An article's body alone, for <see cref="ContentReads.LoadArticleBody"/>.</summary>
internal sealed record ArticleBody(Guid Id, string Body);
