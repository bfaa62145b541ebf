namespace WorkersPower.Content.Pages;

/// <summary>savePage: an editor creates a standing page, or revises it, by its slug.</summary>
[Description("A standing page (about us, the programme, how to join): created when its slug is new, else revised.")]
public sealed record SavePageInput(
    [property: Description("The page's slug, e.g. \"programme\".")] string Slug,
    [property: Description("The title.")] string Title,
    [property: Description("The text in Markdown.")] string Body,
    [property: Description("The page's current version when revising (omit when creating).")] int? ExpectedVersion);

public sealed record SavePage(string Slug, string Title, string Body, long? ExpectedVersion, Caller Caller)
{
    /// <summary>The slug as it is looked up and stored.</summary>
    public string PageSlug => ArticleRules.NormalizeSlug(Slug);

    /// <summary>
    /// The rules, given what has the slug now (<paramref name="existing"/>, null when nothing has): not an article's
    /// slug; a new page (id <paramref name="newId"/>) has a well-formed slug and the content rules
    /// (<see cref="ArticleRules.Validate"/>); a page that exists is revised as <see cref="ReviseArticle"/> is (its
    /// title and body, against <see cref="ExpectedVersion"/>).
    /// </summary>
    public Decision Decide(Article? existing, Guid newId, DateTimeOffset now)
    {
        if (existing is { Kind: ArticleKind.Article }) return Decision.Refuse(UserError.AlreadyExists("An article has this slug.", "input", "slug"));
        if (existing is not null)
            return new ReviseArticle(existing.Id, ExpectedVersion ?? -1, Title, Body, null, null, null, null, Caller).Decide(existing, [], now);
        var content = new ArticleContent(Title, null, Body, [], Visibility.Public);
        var errors = ArticleRules.Validate(content);
        if (ArticleRules.SlugError(PageSlug, []) is { } slugError) errors.Add(slugError);
        if (errors.Count > 0) return Decision.Refuse(errors);
        return Decision.Accept(new ArticleDrafted(newId, ArticleKind.Page, PageSlug, ArticleRules.Clean(content), null, Caller.MemberId, Caller.AccountId, now));
    }
}

public static class SavePageHandler
{
    public static async Task<CommandResult> Handle(SavePage command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var slug = command.PageSlug;
        var existing = await session.Query<Article>().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (existing is { Kind: ArticleKind.Page })
            return await session.DecideAsync<Article>(existing.Id, ArticleRules.NoSuchArticle, page => command.Decide(page, page.Id, clock.GetUtcNow()), ct);
        var id = Guid.CreateVersion7();
        var decision = command.Decide(existing, id, clock.GetUtcNow());
        if (decision.Accepted) session.Events.StartStream<Article>(id, [.. decision.Events]);
        return decision.ToResult(id);
    }
}

internal sealed class SavePageField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<SavePageInput>>("savePage",
                "Create or revise a standing page (editors), with the same revision history as articles.", "The page.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<SavePageInput>();
                return await ArticlePayload.RunAsync(ctx, new SavePage(input.Slug, input.Title, input.Body, input.ExpectedVersion, ctx.Caller()));
            });
}
