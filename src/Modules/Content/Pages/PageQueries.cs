namespace WorkersPower.Content.Pages;

/// <summary>page: a standing page by its slug.</summary>
internal sealed class PageQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<ArticleType>("page")
            .Description("A standing page by its slug (about us, the programme, how to join).")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The page's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ctx.VisibleBySlugAsync(ArticleKind.Page));
}
