using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// GraphQL.NET's depth and complexity analysis with the platform's limits (<see cref="GraphQLSettings.MaxDepth"/>,
/// <see cref="GraphQLSettings.MaxComplexity"/>), except for a document made only of introspection: the schema
/// query every GraphQL tool sends (graphql-js's <c>getIntrospectionQuery</c>) weighs millions by list
/// multiplication, though it reads nothing but the schema. Such a document skips the complexity limit and has
/// its own depth limit, <see cref="GraphQLSettings.IntrospectionMaxDepth"/>; introspection can nest
/// <c>__type { fields { type { fields ... } } }</c> without end, so depth is still limited. A document that
/// mixes introspection with other fields is weighed as any other. Runs on every request, cached documents
/// included (the classification depends on the document only, the limits on the settings only).
/// </summary>
internal sealed class ComplexityLimits(IOptions<GraphQLSettings> settings) : ComplexityValidationRule(new ComplexityOptions
{
    MaxDepth = settings.Value.MaxDepth,
    MaxComplexity = settings.Value.MaxComplexity,
})
{
    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        if (!IsIntrospectionOnly(context.Document)) return base.ValidateComplexityAsync(context, totalComplexity, maxDepth);
        var allowed = settings.Value.IntrospectionMaxDepth;
        if (maxDepth > allowed)
            context.ReportError(new ComplexityError(
                $"Query is too nested to execute. Maximum depth is {maxDepth} levels; maximum allowed for introspection on this endpoint is {allowed}."));
        return default;
    }

    /// <summary>
    /// Whether every operation of the document selects only <c>__schema</c>, <c>__type</c> and <c>__typename</c>
    /// at its root (through fragments too). Below them there is nothing but introspection types.
    /// </summary>
    internal static bool IsIntrospectionOnly(GraphQLDocument document)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count == 0) return false;
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        var visited = new HashSet<string>();
        return operations.All(o => OnlyMetaFields(o.SelectionSet));

        bool OnlyMetaFields(GraphQLSelectionSet selectionSet) => selectionSet.Selections.All(selection => selection switch
        {
            GraphQLField field => field.Name.StringValue is "__schema" or "__type" or "__typename",
            GraphQLInlineFragment inline => OnlyMetaFields(inline.SelectionSet),
            GraphQLFragmentSpread spread => !visited.Add(spread.FragmentName.Name.StringValue)
                || (fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && OnlyMetaFields(fragment.SelectionSet)),
            _ => false,
        });
    }
}
