namespace WorkersPower.Membership.Branches;

/// <summary>branches and branch: the public list of branches and one by its global id.</summary>
internal sealed class BranchQueries : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BranchType>>>>("branches")
            .Description("Every branch, by name.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Session();
                return await session.Query<Branch>().OrderBy(b => b.NameKey).Take(1000).ToListAsync(ctx.CancellationToken);
            });

        query.Field<BranchType>("branch")
            .Description("A branch by its global id; null when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The branch's global id.")
            .AllowAnonymous()
            .Resolve(ctx => GlobalId.TryDecode(ctx.GetArgument<string>("id"), BranchType.TypeName) is { } id ? ctx.LoadBranch(id) : null);
    }
}

/// <summary>Branches' global ids for node(id:): branches are public.</summary>
internal sealed class BranchNodeResolver : INodeResolver
{
    public string TypeName => BranchType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) =>
        await context.LoadBranch(id).GetResultAsync(context.CancellationToken);

    /// <summary>Branches are public: every one that exists, in one query.</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context) =>
        ids.LoadVisibleAsync(context.LoadBranch, _ => true, context.CancellationToken);
}
