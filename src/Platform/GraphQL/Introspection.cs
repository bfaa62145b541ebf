using GraphQL.Introspection;
using GraphQL.Resolvers;

namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// Brings GraphQL.NET 8's introspection types up to the current specification, which graphql-js's
/// <c>getIntrospectionQuery</c> asks for with every option (GraphiQL, graphql-codegen, Relay and Apollo tooling).
/// The library already serves <c>__Directive.isRepeatable</c>, <c>includeDeprecated</c> on <c>__Field.args</c> and
/// <c>__Type.inputFields</c>, and <c>isDeprecated</c>/<c>deprecationReason</c> on <c>__InputValue</c> when the schema's
/// <see cref="ExperimentalFeatures.RepeatableDirectives"/> and <see cref="ExperimentalFeatures.DeprecationOfInputValues"/>
/// are on, and <c>__Schema.description</c> and <c>__Type.isOneOf</c> always. It lacks <c>includeDeprecated</c> on
/// <c>__Directive.args</c> and <c>__Type.specifiedByURL</c>: <see cref="Complete"/> adds them to its own instances of
/// those types before the schema initialises them.
/// </summary>
public static class Introspection
{
    public const string IncludeDeprecated = "includeDeprecated";

    /// <summary>Call for every graph type before it is initialised (<c>Schema.OnBeforeInitializeType</c>).</summary>
    public static void Complete(IGraphType graphType)
    {
        if (graphType is __Directive directive) CompleteDirective(directive);
        else if (graphType is __Type type) CompleteType(type);
    }

    /// <summary><c>args(includeDeprecated: Boolean = false)</c>: deprecated directive arguments only when asked, as for fields' arguments.</summary>
    private static void CompleteDirective(__Directive directive)
    {
        var args = directive.GetField("args") ?? throw new InvalidOperationException("GraphQL.NET's __Directive has no 'args' field.");
        if (args.Arguments?.Find(IncludeDeprecated) is not null) return; // a later GraphQL.NET has it
        args.Arguments ??= new QueryArguments();
        args.Arguments.Add(new QueryArgument<BooleanGraphType>
        {
            Name = IncludeDeprecated,
            DefaultValue = false,
        });
        args.Resolver = new FuncFieldResolver<Directive, IEnumerable<QueryArgument>>(context =>
        {
            IEnumerable<QueryArgument> all = context.Source.Arguments ?? [];
            var includeDeprecated = context.GetArgument<bool>(IncludeDeprecated);
            return includeDeprecated ? all.ToList() : all.Where(a => string.IsNullOrWhiteSpace(a.DeprecationReason)).ToList();
        });
    }

    /// <summary>
    /// <c>specifiedByURL: String</c>. GraphQL.NET 8 has no <c>@specifiedBy</c> directive, so no scalar of this schema
    /// names a specification: the field is null for every type, as the specification allows.
    /// </summary>
    private static void CompleteType(__Type type)
    {
        if (type.HasField("specifiedByURL")) return;
        type.AddField(new FieldType
        {
            Name = "specifiedByURL",
            Type = typeof(StringGraphType),
            Resolver = new FuncFieldResolver<IGraphType, string?>(_ => null),
        });
    }
}
