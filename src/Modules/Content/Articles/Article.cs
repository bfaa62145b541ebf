using Marten.Events.Aggregation;

namespace WorkersPower.Content.Articles;

[Description("Where an article stands in the editorial workflow.")]
public enum ArticleStatus
{
    Draft,
    InReview,
    Published,
    Unpublished,
    Archived,
}

[Description("PUBLIC: everyone; MEMBERS: signed-in members only.")]
public enum Visibility
{
    Public,
    Members,
}

/// <summary>ARTICLE: dated writing in the lists and feed; PAGE: a standing page read by its slug.</summary>
public enum ArticleKind
{
    Article,
    Page,
}

/// <summary>The content of one version: every draft and revision carries it whole, so each version can be shown and restored.</summary>
public sealed record ArticleContent(string Title, string? Summary, string Body, IReadOnlyList<string> Tags, Visibility Visibility);

public sealed record ArticleDrafted(Guid ArticleId, ArticleKind Kind, string Slug, ArticleContent Content, Guid? CampaignId, Guid? AuthorMemberId, Guid By, DateTimeOffset At);
/// <summary>A new version. <paramref name="ByMemberId"/>: the member who made it (null for an account without a member record, and in versions recorded before it was kept).</summary>
public sealed record ArticleRevised(Guid ArticleId, ArticleContent Content, string? Slug, int? RestoredFrom, Guid By, DateTimeOffset At, Guid? ByMemberId = null);
/// <summary>The article moved to another campaign (<paramref name="CampaignId"/>), or out of its campaign (null).</summary>
public sealed record ArticleCampaignChanged(Guid ArticleId, Guid? CampaignId, Guid By, DateTimeOffset At);
public sealed record ArticleSubmittedForReview(Guid ArticleId, Guid By, DateTimeOffset At);
public sealed record ArticlePublished(Guid ArticleId, Guid By, DateTimeOffset At);
public sealed record ArticleUnpublished(Guid ArticleId, Guid By, DateTimeOffset At);
public sealed record ArticleArchived(Guid ArticleId, Guid By, DateTimeOffset At);

/// <summary>An article or page as it stands (an inline projection of its stream).</summary>
public sealed class Article : IArticleView
{
    public Guid Id { get; set; }
    [Marten.Schema.Version]
    public long Version { get; set; }
    public ArticleKind Kind { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Summary { get; set; }
    public string Body { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public Visibility Visibility { get; set; }
    public ArticleStatus Status { get; set; }
    public Guid? CampaignId { get; set; }
    public Guid? AuthorMemberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Once published, the slug never changes.</summary>
    public bool EverPublished { get; set; }

    /// <summary>Orders lists: publication (or creation) time in ms × 1000 + a counter; newest first.</summary>
    public long Sequence { get; set; }

    /// <summary>Title, summary, tags and body as one text, for the full-text index.</summary>
    public string SearchDocument { get; set; } = "";

    public ArticleContent Content => new(Title, Summary, Body, Tags, Visibility);

    IReadOnlyList<string> IArticleView.Tags => Tags;

    internal void Set(ArticleContent c)
    {
        Title = c.Title;
        Summary = c.Summary;
        Body = c.Body;
        Tags = [.. c.Tags];
        Visibility = c.Visibility;
        SearchDocument = $"{c.Title}\n{c.Summary}\n{string.Join(' ', c.Tags)}\n{c.Body}";
    }

    /// <summary>A step of the editorial workflow: the status reached, at <paramref name="at"/>.</summary>
    internal void MoveTo(ArticleStatus status, DateTimeOffset at)
    {
        Status = status;
        UpdatedAt = at;
    }
}

public sealed class ArticleProjection : SingleStreamProjection<Article, Guid>
{
    public static Article Create(ArticleDrafted e)
    {
        var article = new Article
        {
            Id = e.ArticleId,
            Kind = e.Kind,
            Slug = e.Slug,
            CampaignId = e.CampaignId,
            AuthorMemberId = e.AuthorMemberId,
            Status = e.Kind == ArticleKind.Page ? ArticleStatus.Published : ArticleStatus.Draft,
            CreatedAt = e.At,
            UpdatedAt = e.At,
            PublishedAt = e.Kind == ArticleKind.Page ? e.At : null,
            EverPublished = e.Kind == ArticleKind.Page,
            Sequence = Sequences.Next(e.At),
        };
        article.Set(e.Content);
        return article;
    }

    public static void Apply(ArticleRevised e, Article a)
    {
        a.Set(e.Content);
        if (e.Slug is not null) a.Slug = e.Slug;
        a.UpdatedAt = e.At;
    }

    public static void Apply(ArticleCampaignChanged e, Article a)
    {
        a.CampaignId = e.CampaignId;
        a.UpdatedAt = e.At;
    }

    public static void Apply(ArticleSubmittedForReview e, Article a) => a.MoveTo(ArticleStatus.InReview, e.At);

    public static void Apply(ArticlePublished e, Article a)
    {
        a.MoveTo(ArticleStatus.Published, e.At);
        a.PublishedAt ??= e.At;
        if (!a.EverPublished) a.Sequence = Sequences.Next(e.At);
        a.EverPublished = true;
    }

    public static void Apply(ArticleUnpublished e, Article a) => a.MoveTo(ArticleStatus.Unpublished, e.At);

    public static void Apply(ArticleArchived e, Article a) => a.MoveTo(ArticleStatus.Archived, e.At);
}
