namespace WorkersPower.Content.Articles;

public sealed class ArticleRevisionType : ObjectType<ArticleRevision>
{
    public ArticleRevisionType() : base("ArticleRevision", "One version of an article.")
    {
        Field(x => x.Version).Description("The version number.");
        Field<NonNullGraphType<StringGraphType>>("title").Description("The title then.").Resolve(ctx => ctx.Source.Content.Title);
        Field<StringGraphType>("summary").Description("The summary then.").Resolve(ctx => ctx.Source.Content.Summary);
        Field<NonNullGraphType<StringGraphType>>("body").Description("The body then.").Resolve(ctx => ctx.Source.Content.Body);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("The tags then.").Resolve(ctx => ctx.Source.Content.Tags);
        Field<NonNullGraphType<EnumerationGraphType<Visibility>>>("visibility").Description("The visibility then.").Resolve(ctx => ctx.Source.Content.Visibility);
        Field(x => x.RevisedAt).Description("When this version was made.");
        Field(x => x.RestoredFrom, nullable: true).Description("The version this one restored, if it was a restore.");
        Field<AuthorType>("revisedBy").Description("Who made this version, by their public byline (null when not known, or when their data was erased).")
            .Resolve(ctx => ctx.Source.ByMemberId is { } id ? ctx.LoadAuthor(id).Then(a => a is { Erased: false } ? a : null) : null);
    }
}

public sealed class ArticleDiffType : ObjectType<ArticleDiff>
{
    public ArticleDiffType() : base("ArticleDiff", "How an article's body (and title) changed between two versions.")
    {
        Field(x => x.From).Description("The older version.");
        Field(x => x.To).Description("The newer version.");
        Field(x => x.FromTitle).Description("The title at the older version.");
        Field(x => x.ToTitle).Description("The title at the newer version.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutoRegisteringObjectGraphType<DiffLine>>>>>("lines").Description("The body, line by line.").Resolve(ctx => ctx.Source.Lines);
    }
}
