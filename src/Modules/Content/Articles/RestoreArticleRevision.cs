namespace WorkersPower.Content.Articles;

/// <summary>restoreArticleRevision: an editor makes an earlier version current again, as a new version.</summary>
[Description("Make an earlier version current again, as a new version.")]
public sealed record RestoreArticleRevisionInput(
    [property: Id, Description("The article's global id.")] string ArticleId,
    [property: Description("The version to restore.")] int Version,
    [property: Description("The article's current version.")] int ExpectedVersion);

public sealed record RestoreArticleRevision(Guid ArticleId, long ExpectedVersion, int Version, Caller Caller)
{
    /// <summary>
    /// The rules: not an archived article (archived for good, as revising it is refused); made against the current
    /// version (else CONFLICT); the version to restore is one of <paramref name="revisions"/>.
    /// </summary>
    public Decision Decide(Article article, IReadOnlyList<ArticleRevision> revisions, DateTimeOffset now)
    {
        if (article.Status == ArticleStatus.Archived) return Decision.Refuse(UserError.InvalidState("The article is archived."));
        if (article.Version != ExpectedVersion)
            return Decision.Refuse(new UserError(ErrorCodes.Conflict, $"The article is at version {article.Version}, not {ExpectedVersion}: reload it.", ["input", "expectedVersion"]));
        if (revisions.FirstOrDefault(r => r.Version == Version) is not { } revision)
            return Decision.Refuse(UserError.NotFound($"There is no version {Version}.", "input", "version"));
        return Decision.Accept(new ArticleRevised(article.Id, revision.Content, null, Version, Caller.AccountId, now, Caller.MemberId));
    }
}

public static class RestoreArticleRevisionHandler
{
    public static Task<CommandResult> Handle(RestoreArticleRevision command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        session.DecideAsync<Article>(command.ArticleId, ArticleRules.NoSuchArticle,
            async article => command.Decide(article, await ArticleRevisions.AllAsync(session, article.Id, ct), clock.GetUtcNow()), ct);
}

internal sealed class RestoreArticleRevisionField : IMutationField
{
    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ArticlePayloadType, AutoRegisteringInputObjectGraphType<RestoreArticleRevisionInput>>("restoreArticleRevision",
                "Make an earlier version current again, as a new version (editors).")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RestoreArticleRevisionInput>();
                return await ArticlePayload.RunAsync(ctx, input.ArticleId, id => new RestoreArticleRevision(id, input.ExpectedVersion, input.Version, ctx.Caller()));
            });
}
