using System.Runtime.ExceptionServices;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Limits checked on the parsed document before validation: aliases (alias bombs) and root fields per
/// operation (batched-operation floods in one document). Depth and complexity are the validator's.
/// </summary>
internal static class DocumentLimits
{
    public const string Code = "LIMIT_EXCEEDED";

    public static void Check(GraphQLDocument document, GraphQLSettings settings)
    {
        var counter = new Counter();
        // The counter never awaits (it only counts), so the walk has ended when VisitAsync returns: nothing blocks here.
        var walk = counter.VisitAsync(document, new WalkContext()).AsTask();
        if (!walk.IsCompleted) throw new InvalidOperationException("The document walk was expected to end at once.");
        if (walk.Exception is { } failed) ExceptionDispatchInfo.Capture(failed.InnerException ?? failed).Throw();
        if (counter.Aliases > settings.MaxAliases)
            throw new BadGraphQLRequest($"The document has {counter.Aliases} aliases; at most {settings.MaxAliases} are allowed.", code: Code);
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var roots = operation.SelectionSet.Selections.Count;
            if (roots > settings.MaxRootFields)
                throw new BadGraphQLRequest($"An operation selects {roots} root fields; at most {settings.MaxRootFields} are allowed.", code: Code);
        }
    }

    private sealed class Counter : ASTVisitor<WalkContext>
    {
        public int Aliases { get; private set; }

        protected override ValueTask VisitFieldAsync(GraphQLField field, WalkContext context)
        {
            if (field.Alias is not null) Aliases++;
            return base.VisitFieldAsync(field, context);
        }
    }
}

/// <summary>The context of a document walk that never awaits (it only looks), so it has ended when VisitAsync returns.</summary>
internal sealed class WalkContext : IASTVisitorContext
{
    public CancellationToken CancellationToken => CancellationToken.None;
}
