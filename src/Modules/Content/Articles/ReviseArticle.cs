using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Content.Articles;

/// <summary>reviseArticle: an editor makes a new version of an article (or page) against the version they read.</summary>
[Description("A new version; omitted fields stay. A stale expectedVersion changes nothing (CONFLICT).")]
public sealed record ReviseArticleInput(
    [property: Id, Description("The article's global id.")] string ArticleId,
    [property: Description("The version the change was made against (Article.version).")] int ExpectedVersion,
    [property: Description("The title.")] string? Title,
    [property: Description("The text in Markdown.")] string? Body,
    [property: Description("A short summary.")] string? Summary,
    [property: Description("Tags (replaces them).")] IReadOnlyList<string>? Tags,
    [property: Description("PUBLIC or MEMBERS.")] Visibility? Visibility,
    [property: Description("A new slug (only before it is first published).")] string? Slug,
    [property: Id, Description("The campaign it belongs to: a campaign's global id moves it there, an empty string takes it out of its campaign; omitted, it stays.")] string? CampaignId = null);

/// <summary>Where an article is to belong: <paramref name="CampaignId"/>, or no campaign (null).</summary>
public sealed record CampaignChange(Guid? CampaignId);

/// <summary>A new version: the fields given replace the current ones, the others stay.</summary>
public sealed record ReviseArticle(Guid ArticleId, long ExpectedVersion, string? Title, string? Body, string? Summary, IReadOnlyList<string>? Tags, Visibility? Visibility, string? Slug, Caller Caller, CampaignChange? Campaign = null)
{
    /// <summary>The campaign the editor moves the article to, when it differs from the article's; else null.</summary>
    public CampaignChange? NewCampaign(Article article) => Campaign is { } change && change.CampaignId != article.CampaignId ? change : null;

    /// <summary>The slug the editor asks for when it differs from the article's, normalised; else null.</summary>
    public string? NewSlug(Article article) => Slug is { } given && ArticleRules.NormalizeSlug(given) is var slug && slug != article.Slug ? slug : null;

    /// <summary>
    /// The rules: made against the current version (else CONFLICT: someone revised it meanwhile); not archived;
    /// the content's (<see cref="ArticleRules.Validate"/>); a new slug only before the first publication, well-formed
    /// and not among <paramref name="takenSlugs"/>; a new campaign exists (<paramref name="campaignExists"/>), and is
    /// recorded after the new version.
    /// </summary>
    public Decision Decide(Article article, IReadOnlyCollection<string> takenSlugs, DateTimeOffset now, bool campaignExists = true)
    {
        if (article.Version != ExpectedVersion)
            return Decision.Refuse(new UserError(ErrorCodes.Conflict, $"The article is at version {article.Version}, not {ExpectedVersion}: someone revised it meanwhile. Reload it and apply your change again.", ["input", "expectedVersion"]));
        if (article.Status == ArticleStatus.Archived) return Decision.Refuse(UserError.InvalidState("The article is archived."));
        var content = new ArticleContent(Title ?? article.Title, Summary ?? article.Summary, Body ?? article.Body, Tags ?? article.Tags, Visibility ?? article.Visibility);
        var errors = ArticleRules.Validate(content);
        var slug = NewSlug(article);
        if (slug is not null && article.EverPublished) errors.Add(new UserError(ErrorCodes.InvalidState, "The slug of a published article never changes.", ["input", "slug"]));
        else if (slug is not null && ArticleRules.SlugError(slug, takenSlugs) is { } slugError) errors.Add(slugError);
        var campaign = NewCampaign(article);
        if (campaign is { CampaignId: not null } && !campaignExists) errors.Add(UserError.NotFound("There is no such campaign.", "input", "campaignId"));
        if (errors.Count > 0) return Decision.Refuse(errors);
        var revised = new ArticleRevised(article.Id, ArticleRules.Clean(content), slug, null, Caller.AccountId, now, Caller.MemberId);
        return campaign is null ? Decision.Accept(revised) : Decision.Accept(revised, new ArticleCampaignChanged(article.Id, campaign.CampaignId, Caller.AccountId, now));
    }
}

public static class ReviseArticleHandler
{
    public static Task<CommandResult> Handle(ReviseArticle command, IDocumentSession session, ICampaignDirectory campaigns, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle, async article =>
        {
            var taken = command.NewSlug(article) is { } slug ? await ArticleStreams.TakenSlugsAsync(session, slug, numbered: false, ct) : [];
            var campaignExists = command.NewCampaign(article) is not { CampaignId: { } campaignId } || await campaigns.FindTitleAsync(campaignId, ct) is not null;
            return command.Decide(article, taken, clock.GetUtcNow(), campaignExists);
        }, ct);
}

internal sealed class ReviseArticleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<ReviseArticleInput>>("reviseArticle",
                "Revise an article against the version you read (editors); a stale expectedVersion gets CONFLICT and changes nothing.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var i = ctx.Input<ReviseArticleInput>();
                return await ArticlePayload.RunAsync(ctx, i.ArticleId, id => new ReviseArticle(id, i.ExpectedVersion, i.Title, i.Body, i.Summary, i.Tags, i.Visibility, i.Slug, ctx.Caller(),
                    i.CampaignId is null ? null : new CampaignChange(i.CampaignId.Length == 0 ? null : GlobalId.TryDecode(i.CampaignId, "Campaign") ?? Guid.Empty)));
            });
}
