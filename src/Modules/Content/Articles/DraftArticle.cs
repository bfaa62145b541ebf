using WorkersPower.Campaigns.Contracts;

namespace WorkersPower.Content.Articles;

/// <summary>draftArticle: an editor starts a draft.</summary>
[Description("A new draft.")]
public sealed record DraftArticleInput(
    [property: Description("The title (up to 300 characters).")] string Title,
    [property: Description("The text in Markdown (up to 200000 characters).")] string Body,
    [property: Description("A short summary (up to 1000 characters).")] string? Summary,
    [property: Description("Tags (up to 20).")] IReadOnlyList<string>? Tags,
    [property: Description("PUBLIC (default) or MEMBERS.")] Visibility? Visibility,
    [property: Id, Description("The campaign it belongs to.")] string? CampaignId,
    [property: Description("Its address; made from the title when omitted.")] string? Slug);

public sealed record DraftArticle(string Title, string Body, string? Summary, IReadOnlyList<string>? Tags, Visibility? Visibility, Guid? CampaignId, string? Slug, Caller Caller)
{
    public ArticleContent Content => new(Title, Summary, Body, Tags ?? [], Visibility ?? Articles.Visibility.Public);

    /// <summary>The slug to look for among those in use: the editor's, or the one made from the title.</summary>
    public string SlugWanted => Slug is { } given ? ArticleRules.NormalizeSlug(given) : Slugs.FromTitle(Title, "article");

    /// <summary>
    /// The rules: the content's (<see cref="ArticleRules.Validate"/>); the campaign, when given, exists; a slug the
    /// editor gives is well-formed and free, else the title's slug is numbered past those <paramref name="takenSlugs"/>.
    /// </summary>
    public Decision Decide(Guid id, IReadOnlyCollection<string> takenSlugs, bool campaignExists, DateTimeOffset now)
    {
        var errors = ArticleRules.Validate(Content);
        if (!campaignExists) errors.Add(UserError.NotFound("There is no such campaign.", "input", "campaignId"));
        if (Slug is not null && ArticleRules.SlugError(SlugWanted, takenSlugs) is { } slugError) errors.Add(slugError);
        if (errors.Count > 0) return Decision.Refuse(errors);
        var slug = Slug is null ? Slugs.FirstFree(SlugWanted, takenSlugs) : SlugWanted;
        return Decision.Accept(new ArticleDrafted(id, ArticleKind.Article, slug, ArticleRules.Clean(Content), CampaignId, Caller.MemberId, Caller.AccountId, now));
    }
}

public static class DraftArticleHandler
{
    public static async Task<CommandResult> Handle(DraftArticle command, IDocumentSession session, ICampaignDirectory campaigns, TimeProvider clock, CancellationToken ct)
    {
        var campaignExists = command.CampaignId is not { } campaignId || await campaigns.FindTitleAsync(campaignId, ct) is not null;
        var taken = await ArticleStreams.TakenSlugsAsync(session, command.SlugWanted, numbered: command.Slug is null, ct);
        var id = Guid.CreateVersion7();
        var decision = command.Decide(id, taken, campaignExists, clock.GetUtcNow());
        if (decision.Accepted) session.Events.StartStream<Article>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class DraftArticleField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<DraftArticleInput>>("draftArticle", "Start a draft (editors).")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<DraftArticleInput>();
                var campaignId = input.CampaignId is { } c ? GlobalId.TryDecode(c, "Campaign") ?? Guid.Empty : (Guid?)null;
                return await ArticlePayload.RunAsync(ctx, new DraftArticle(input.Title, input.Body, input.Summary, input.Tags, input.Visibility, campaignId, input.Slug, ctx.Caller()));
            });
}
