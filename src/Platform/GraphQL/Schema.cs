namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// A feature's query and subscription fields (e.g. <c>ActionQueries</c>). Mutations are not added here: each is an
/// <see cref="IMutationField"/> in its use case's file. Found in the module's assembly by <see cref="SchemaParts"/>.
/// </summary>
public interface ISchemaContributor
{
    void AddQueryFields(ObjectGraphType query) { }
    void AddSubscriptionFields(ObjectGraphType subscription) { }
}

/// <summary>Resolves global ids of one type for <c>node</c> and <c>nodes</c>, with that type's visibility rules.</summary>
public interface INodeResolver
{
    string TypeName { get; }

    /// <summary>The object, or null when it does not exist or the caller may not see it.</summary>
    Task<object?> ResolveAsync(Guid id, IResolveFieldContext context);

    /// <summary>
    /// Several objects at once, with the same visibility rules: those the caller may see, by id (the others
    /// are left out). Lists of another module's objects use it through a per-request batch loader, so a page
    /// costs the same round trips whatever its size; a resolver that can load in one query overrides the
    /// default, which resolves one id after another.
    /// </summary>
    async Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context)
    {
        var found = new Dictionary<Guid, object>(ids.Count);
        foreach (var id in ids)
            if (await ResolveAsync(id, context).ConfigureAwait(false) is { } value) found[id] = value;
        return found;
    }
}

public static class NodeResolverExtensions
{
    /// <summary>
    /// The object of type <paramref name="typeName"/> with this id as <c>node(id:)</c> would give it to the caller
    /// (null when it does not exist or the caller may not see it), loaded with the other ids asked for at the
    /// same level of the query in one batch.
    /// </summary>
    public static global::GraphQL.DataLoader.IDataLoaderResult<object?> LoadNode(this IResolveFieldContext context, string typeName, Guid id) =>
        context.BatchLoaders().Get<Guid, object>($"platform.node.{typeName}", async (ids, _) =>
        {
            var resolver = context.RequestServices!.GetServices<INodeResolver>().FirstOrDefault(r => r.TypeName == typeName);
            return resolver is null ? new Dictionary<Guid, object>() : await resolver.ResolveManyAsync(ids, context).ConfigureAwait(false);
        }).Load(id);

    /// <summary>
    /// Helps a resolver's <see cref="INodeResolver.ResolveManyAsync"/>: queues every id on a per-request batch loader
    /// before awaiting any (so they load in one batch), and keeps the objects <paramref name="visible"/> lets through.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, object>> LoadVisibleAsync<T>(
        this IReadOnlyCollection<Guid> ids, Func<Guid, global::GraphQL.DataLoader.IDataLoaderResult<T?>> load, Func<T, bool> visible, CancellationToken cancellationToken)
        where T : class
    {
        var loads = ids.Distinct().Select(id => (Id: id, Load: load(id))).ToList(); // all queued first: one batch
        var found = new Dictionary<Guid, object>(loads.Count);
        foreach (var (id, pending) in loads)
            if (await pending.GetResultAsync(cancellationToken).ConfigureAwait(false) is { } value && visible(value)) found[id] = value;
        return found;
    }

    /// <summary>
    /// What <c>nodes(ids:)</c> answers: the ids grouped by type, each type's <see cref="INodeResolver.ResolveManyAsync"/>
    /// called once (the types side by side), the results in the order of the ids, null for every id that is malformed,
    /// of no known type, unknown, or not visible to the caller.
    /// </summary>
    public static async Task<IReadOnlyList<object?>> ResolveNodesAsync(IResolveFieldContext context, IReadOnlyList<string> globalIds)
    {
        var decoded = globalIds.Select(g => GlobalId.TryDecode(g, out var type, out var id) ? (Type: (string?)type, Id: id) : (Type: null, Id: Guid.Empty)).ToList();
        var resolvers = context.RequestServices!.GetServices<INodeResolver>().ToList();
        var byType = decoded.Where(d => d.Type is not null).GroupBy(d => d.Type!, StringComparer.Ordinal).Select(async group =>
        {
            var resolver = resolvers.FirstOrDefault(r => r.TypeName == group.Key);
            IReadOnlyDictionary<Guid, object> found = resolver is null
                ? new Dictionary<Guid, object>()
                : await resolver.ResolveManyAsync(group.Select(d => d.Id).Distinct().ToList(), context).ConfigureAwait(false);
            return (Type: group.Key, Found: found);
        });
        var results = (await Task.WhenAll(byType).ConfigureAwait(false)).ToDictionary(r => r.Type, r => r.Found, StringComparer.Ordinal);
        return decoded.Select(d => d.Type is not null && results[d.Type].TryGetValue(d.Id, out var value) ? value : null).ToList();
    }
}

public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "An object with an opaque global id, which `node(id:)` resolves.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The global id.");
    }
}

public sealed class QueryType : ObjectGraphType
{
    public QueryType(IEnumerable<ISchemaContributor> contributors)
    {
        Name = "Query";
        Description = "Everything a client can read.";
        Field<NodeInterface>("node")
            .Description("Any object by its global id; null when it does not exist or you may not see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id.")
            .AllowAnonymous()
            .ResolveAsync(ctx => ResolveNode(ctx, ctx.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Objects by their global ids, in the same order; null for each one that does not exist or you may not see.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"Up to {PageRequest.MaxPageSize} global ids.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var ids = ctx.GetArgument<List<string>>("ids");
                if (ids.Count > PageRequest.MaxPageSize)
                    throw new ExecutionError($"At most {PageRequest.MaxPageSize} ids at once.") { Code = ErrorCodes.BadUserInput };
                return await NodeResolverExtensions.ResolveNodesAsync(ctx, ids);
            });
        foreach (var c in contributors) c.AddQueryFields(this);
    }

    private static Task<object?> ResolveNode(IResolveFieldContext context, string globalId)
    {
        if (!GlobalId.TryDecode(globalId, out var type, out var id)) return Task.FromResult<object?>(null);
        var resolver = context.RequestServices!.GetServices<INodeResolver>().FirstOrDefault(r => r.TypeName == type);
        return resolver is null ? Task.FromResult<object?>(null) : resolver.ResolveAsync(id, context);
    }
}

public sealed class MutationType : ObjectGraphType
{
    public MutationType(IEnumerable<IMutationField> fields)
    {
        Name = "Mutation";
        Description = "Everything a client can change. Each mutation takes one `input` and returns a payload whose `errors` list is empty on success.";
        foreach (var f in fields) f.AddTo(this);
    }
}

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType(IEnumerable<ISchemaContributor> contributors)
    {
        Name = "Subscription";
        Description = "Live updates (over WebSocket, graphql-transport-ws).";
        foreach (var c in contributors) c.AddSubscriptionFields(this);
    }
}

/// <summary>
/// Lets a module add fields to another module's object type without knowing its classes: the owning
/// type applies every extension registered for its name, handing over how to read the object's id.
/// </summary>
public interface IObjectTypeExtension
{
    /// <summary>The GraphQL name of the type extended, e.g. "Member".</summary>
    string TypeName { get; }

    /// <summary>Adds the fields; <paramref name="idOf"/> gives the id of a source object of that type.</summary>
    void Extend(IObjectGraphType type, Func<object, Guid> idOf);
}

/// <summary>The one schema, composed from every module's contribution.</summary>
public sealed class PlatformSchema : Schema
{
    public PlatformSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription) : base(services)
    {
        Query = query;
        Mutation = mutation;
        if (subscription.Fields.Count > 0) Subscription = subscription;
        Description = "The Workers Power organising platform: membership, campaigns and content.";
        // The current specification's introspection, which graphql-js's getIntrospectionQuery asks for (see Introspection).
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));
        RegisterTypeMapping(typeof(decimal), typeof(DecimalScalar));
        foreach (var type in services.GetServices<ExtraGraphType>()) RegisterType(type.GraphType);
    }

    protected override void OnBeforeInitializeType(IGraphType graphType) => Introspection.Complete(graphType);
}

/// <summary>A graph type reachable only through an interface, which the schema must be told about.</summary>
public sealed record ExtraGraphType(Type GraphType);
