namespace WorkersPower.Content.Articles;

public sealed record ArticleDiff(int From, int To, string FromTitle, string ToTitle, IReadOnlyList<DiffLine> Lines);

/// <summary>articleDiff: how an article changed between two of its versions (editors).</summary>
internal sealed class ArticleDiffQuery : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<ArticleDiffType>("articleDiff")
            .Description("How an article changed between two versions (editors).")
            .Argument<NonNullGraphType<IdGraphType>>("articleId", "The article's global id.")
            .Argument<NonNullGraphType<IntGraphType>>("from", "The older version.")
            .Argument<NonNullGraphType<IntGraphType>>("to", "The newer version.")
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (ArticleType.IdOf(ctx.GetArgument<string>("articleId")) is not { } id) return null;
                await using var session = ctx.Session();
                var revisions = await ArticleRevisions.AllAsync(session, id, ctx.CancellationToken);
                var from = revisions.FirstOrDefault(r => r.Version == ctx.GetArgument<int>("from"));
                var to = revisions.FirstOrDefault(r => r.Version == ctx.GetArgument<int>("to"));
                if (from is null || to is null) throw new ExecutionError("There is no such version of this article.") { Code = ErrorCodes.BadUserInput };
                return new ArticleDiff(from.Version, to.Version, from.Content.Title, to.Content.Title, LineDiff.Compute(from.Content.Body, to.Content.Body));
            });
}
