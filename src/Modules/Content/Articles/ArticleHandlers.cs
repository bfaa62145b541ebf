using Marten;
using WorkersPower.Campaigns.Contracts;
using WorkersPower.Platform;

namespace WorkersPower.Content.Articles;

public sealed record DraftArticle(ArticleKind Kind, string Title, string Body, string? Summary, IReadOnlyList<string>? Tags, Visibility? Visibility, Guid? CampaignId, string? Slug, Caller Actor);
public sealed record ReviseArticle(Guid ArticleId, long ExpectedVersion, string? Title, string? Body, string? Summary, IReadOnlyList<string>? Tags, Visibility? Visibility, string? Slug, Caller Actor);
public sealed record RestoreArticleRevision(Guid ArticleId, long ExpectedVersion, int Version, Caller Actor);
public sealed record SubmitArticleForReview(Guid ArticleId, Caller Actor);
public sealed record PublishArticle(Guid ArticleId, Caller Actor);
public sealed record UnpublishArticle(Guid ArticleId, Caller Actor);
public sealed record ArchiveArticle(Guid ArticleId, Caller Actor);

public static class ArticleHandler
{
    public const int MaxBody = 200_000;
    public const int MaxTags = 20;

    private static readonly UserError NoSuchArticle = UserError.NotFound("There is no such article.", "input", "articleId");

    internal static List<UserError> Validate(ArticleContent c)
    {
        var errors = new List<UserError>();
        if (string.IsNullOrWhiteSpace(c.Title) || c.Title.Trim().Length > 300) errors.Add(UserError.Validation("input.title", "The title is required, up to 300 characters."));
        else if (!TextInput.IsText(c.Title)) errors.Add(UserError.Validation("input.title", TextInput.NotText("The title")));
        if (c.Summary is { Length: > 1000 }) errors.Add(UserError.Validation("input.summary", "The summary is at most 1000 characters."));
        else if (c.Summary is { } summary && !TextInput.IsText(summary, multiline: true)) errors.Add(UserError.Validation("input.summary", TextInput.NotText("The summary", multiline: true)));
        if (string.IsNullOrWhiteSpace(c.Body)) errors.Add(UserError.Validation("input.body", "The body is required."));
        else if (c.Body.Length > MaxBody) errors.Add(UserError.Validation("input.body", $"The body is at most {MaxBody} characters."));
        else if (!TextInput.IsText(c.Body, multiline: true)) errors.Add(UserError.Validation("input.body", TextInput.NotText("The body", multiline: true)));
        if (c.Tags.Count > MaxTags) errors.Add(UserError.Validation("input.tags", $"At most {MaxTags} tags."));
        for (var i = 0; i < Math.Min(MaxTags, c.Tags.Count); i++)
            if (string.IsNullOrWhiteSpace(c.Tags[i]) || c.Tags[i].Trim().Length > 50 || !TextInput.IsText(c.Tags[i]))
                errors.Add(UserError.Validation($"input.tags.{i}", "A tag is 1 to 50 characters."));
        return errors;
    }

    internal static ArticleContent Clean(ArticleContent c) => c with
    {
        Title = c.Title.Trim(),
        Summary = string.IsNullOrWhiteSpace(c.Summary) ? null : c.Summary.Trim(),
        Tags = c.Tags.Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
    };

    public static async Task<CommandResult> Handle(DraftArticle command, IDocumentSession session, ICampaignDirectory campaigns, TimeProvider clock, CancellationToken ct)
    {
        var content = new ArticleContent(command.Title ?? "", command.Summary, command.Body ?? "", command.Tags ?? [], command.Visibility ?? Visibility.Public);
        var errors = Validate(content);
        if (command.CampaignId is { } campaignId && await campaigns.FindTitleAsync(campaignId, ct) is null)
            errors.Add(UserError.NotFound("There is no such campaign.", "input", "campaignId"));
        string slug;
        if (command.Slug is { } given)
        {
            slug = given.Trim().ToLowerInvariant();
            if (!Slugs.IsValid(slug)) errors.Add(UserError.Validation("input.slug", "A slug is 1 to 100 lower-case letters, digits and single hyphens."));
            else if (await session.Query<Article>().AnyAsync(a => a.Slug == slug, ct)) errors.Add(UserError.AlreadyExists($"The slug '{slug}' is taken.", "input", "slug"));
        }
        else
        {
            slug = await FreeSlugAsync(session, Slugs.FromTitle(content.Title, "article"), ct);
        }
        if (errors.Count > 0) return new CommandResult(null, errors);
        var id = Guid.CreateVersion7();
        session.Events.StartStream<Article>(id, new ArticleDrafted(id, command.Kind, slug, Clean(content), command.CampaignId, command.Actor.MemberId, command.Actor.AccountId, clock.GetUtcNow()));
        return CommandResult.Ok(id);
    }

    private static async Task<string> FreeSlugAsync(IDocumentSession session, string slug, CancellationToken ct)
    {
        var prefix = slug + "-";
        var taken = await session.Query<Article>().Where(a => a.Slug == slug || a.Slug.StartsWith(prefix)).Select(a => a.Slug).ToListAsync(ct);
        return Slugs.FirstFree(slug, taken);
    }

    public static async Task<CommandResult> Handle(ReviseArticle command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Article>(command.ArticleId, ct);
        if (stream.Aggregate is not { } a) return CommandResult.Refused(NoSuchArticle);
        if (a.Version != command.ExpectedVersion)
            return CommandResult.Refused(new UserError(ErrorCodes.Conflict, $"The article is at version {a.Version}, not {command.ExpectedVersion}: someone revised it meanwhile. Reload it and apply your change again.", ["input", "expectedVersion"]));
        if (a.Status == ArticleStatus.Archived) return CommandResult.Refused(UserError.InvalidState("The article is archived."));
        var content = new ArticleContent(command.Title ?? a.Title, command.Summary ?? a.Summary, command.Body ?? a.Body, command.Tags ?? a.Tags, command.Visibility ?? a.Visibility);
        var errors = Validate(content);
        string? slug = null;
        if (command.Slug is { } given && given.Trim().ToLowerInvariant() != a.Slug)
        {
            slug = given.Trim().ToLowerInvariant();
            if (a.EverPublished) errors.Add(new UserError(ErrorCodes.InvalidState, "The slug of a published article never changes.", ["input", "slug"]));
            else if (!Slugs.IsValid(slug)) errors.Add(UserError.Validation("input.slug", "A slug is 1 to 100 lower-case letters, digits and single hyphens."));
            else if (await session.Query<Article>().AnyAsync(x => x.Slug == slug, ct)) errors.Add(UserError.AlreadyExists($"The slug '{slug}' is taken.", "input", "slug"));
        }
        if (errors.Count > 0) return new CommandResult(null, errors);
        stream.AppendOne(new ArticleRevised(a.Id, Clean(content), slug, null, command.Actor.AccountId, clock.GetUtcNow()));
        return CommandResult.Ok(a.Id);
    }

    public static async Task<CommandResult> Handle(RestoreArticleRevision command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Article>(command.ArticleId, ct);
        if (stream.Aggregate is not { } a) return CommandResult.Refused(NoSuchArticle);
        if (a.Version != command.ExpectedVersion)
            return CommandResult.Refused(new UserError(ErrorCodes.Conflict, $"The article is at version {a.Version}, not {command.ExpectedVersion}: reload it.", ["input", "expectedVersion"]));
        var revision = (await ArticleRevisions.AllAsync(session, a.Id, ct)).FirstOrDefault(r => r.Version == command.Version);
        if (revision is null) return CommandResult.Refused(UserError.NotFound($"There is no version {command.Version}.", "input", "version"));
        stream.AppendOne(new ArticleRevised(a.Id, revision.Content, null, command.Version, command.Actor.AccountId, clock.GetUtcNow()));
        return CommandResult.Ok(a.Id);
    }

    public static Task<CommandResult> Handle(SubmitArticleForReview c, IDocumentSession s, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(s, c.ArticleId, [ArticleStatus.Draft, ArticleStatus.Unpublished], "Only drafts (or unpublished articles) go to review.", a => new ArticleSubmittedForReview(a.Id, c.Actor.AccountId, clock.GetUtcNow()), ct);

    public static Task<CommandResult> Handle(PublishArticle c, IDocumentSession s, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(s, c.ArticleId, [ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Unpublished], "The article is published already, or archived.", a => new ArticlePublished(a.Id, c.Actor.AccountId, clock.GetUtcNow()), ct);

    public static Task<CommandResult> Handle(UnpublishArticle c, IDocumentSession s, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(s, c.ArticleId, [ArticleStatus.Published], "Only a published article can be unpublished.", a => new ArticleUnpublished(a.Id, c.Actor.AccountId, clock.GetUtcNow()), ct);

    public static Task<CommandResult> Handle(ArchiveArticle c, IDocumentSession s, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(s, c.ArticleId, [ArticleStatus.Draft, ArticleStatus.InReview, ArticleStatus.Unpublished, ArticleStatus.Published], "The article is archived already.", a => new ArticleArchived(a.Id, c.Actor.AccountId, clock.GetUtcNow()), ct);

    private static async Task<CommandResult> TransitionAsync(IDocumentSession session, Guid id, ArticleStatus[] from, string refusal, Func<Article, object> change, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Article>(id, ct);
        if (stream.Aggregate is not { Kind: ArticleKind.Article } a) return CommandResult.Refused(NoSuchArticle);
        if (!from.Contains(a.Status)) return CommandResult.Refused(UserError.InvalidState(refusal));
        stream.AppendOne(change(a));
        return CommandResult.Ok(a.Id);
    }
}
