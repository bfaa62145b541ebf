namespace WorkersPower.Content.Articles;

public sealed class ArticleType : ObjectType<IArticleView>
{
    public const string TypeName = "Article";

    /// <summary>The article's id in a global id, or null when it is not an article's.</summary>
    public static Guid? IdOf(string? globalId) => GlobalId.TryDecode(globalId, TypeName);

    public ArticleType() : base(TypeName, "An article (or a standing page) in Markdown, with every version kept.")
    {
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.").Resolve(ctx => GlobalId.Encode(TypeName, ctx.Source.Id));
        Field(x => x.Slug).Description("Its address; stable once published.");
        Field(x => x.Title).Description("The title.");
        Field(x => x.Summary, nullable: true).Description("A short summary.");
        Field<NonNullGraphType<StringGraphType>>("body").Description("The text, in Markdown.")
            .Resolve(ctx => ctx.Source is Article whole ? whole.Body : ctx.LoadArticleBody(ctx.Source.Id)); // a list's row carries no body
        Field(x => x.Status).Description("Where it stands.");
        Field(x => x.Visibility).Description("Who may read it once published.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Description("Tags, lower case.").Resolve(ctx => ctx.Source.Tags);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The stream version: pass it as expectedVersion when revising.").Resolve(ctx => (int)ctx.Source.Version);
        Field(x => x.PublishedAt, nullable: true).Description("When it was first published.");
        Field(x => x.UpdatedAt).Description("When it last changed.");
        Field<AuthorType>("author").Description("A public byline: no member data beyond the name (null when there is none, or the author's data was erased).")
            .Resolve(ctx => ctx.Source.AuthorMemberId is { } id ? ctx.LoadAuthor(id).Then(a => a is { Erased: false } ? a : null) : null);
        Field("campaign", new GraphQLTypeReference("Campaign")).Description("The campaign it belongs to, if any (resolved by the Campaigns module).")
            .Resolve(ctx => ctx.Source.CampaignId is { } id ? ctx.LoadNode("Campaign", id) : null);
        Field<NonNullGraphType<ConnectionType<ArticleRevisionType>>>("revisions")
            .Description("Every version, newest first (editors).")
            .PageArguments()
            .AuthorizeWithRoles(Roles.Editor, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                int? before = page.AfterKey is null ? null : int.TryParse(page.AfterKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
                    : throw new ExecutionError("'after' is not a cursor of this list.") { Code = ErrorCodes.BadUserInput };
                await using var session = ctx.Session();
                var all = await ArticleRevisions.AllAsync(session, ctx.Source.Id, ctx.CancellationToken);
                var rows = page.Backward
                    ? all.Where(r => before is null || r.Version > before).OrderBy(r => r.Version).Take(page.First + 1).ToList()
                    : all.Where(r => before is null || r.Version < before).OrderByDescending(r => r.Version).Take(page.First + 1).ToList();
                return page.ToConnection(rows, r => r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), all.Count);
            });
    }
}

public sealed class AuthorType : ObjectType<AuthorCopy>
{
    public AuthorType() : base("Author", "A byline.") => Field(x => x.DisplayName).Description("The author's name.");
}
