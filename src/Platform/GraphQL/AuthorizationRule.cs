using GraphQL.Validation;

namespace WorkersPower.Platform.GraphQL;

/// <summary>
/// Enforces the roles declared on fields and types (<c>.Authorize()</c>, <c>.AuthorizeWithRoles(...)</c>)
/// before anything executes: a field that needs a signed-in caller refuses anonymous ones with
/// UNAUTHENTICATED; a field that names roles refuses callers holding none of them with FORBIDDEN.
/// Only the operation being run and the fragments it uses are checked, and fields skipped by
/// <c>@skip</c>/<c>@include</c> are not.
/// </summary>
public sealed class AuthorizationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var used = context.Operation is null
            ? []
            : (context.GetRecursivelyReferencedFragments(context.Operation, onlyUsed: true) ?? []).ToHashSet();
        var active = false;
        return new(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLOperationDefinition>((op, ctx) => active = op == ctx.Operation),
            new MatchingNodeVisitor<GraphQLFragmentDefinition>((fragment, _) => active = used.Contains(fragment)),
            new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (!active || !ctx.ShouldIncludeNode(field)) return;
                var definition = ctx.TypeInfo.GetFieldDef();
                var parent = ctx.TypeInfo.GetParentType()?.GetNamedType();
                if (definition is null) return;
                Check(ctx, field, parent, $"type '{parent?.Name}'");
                Check(ctx, field, definition, $"field '{parent?.Name}.{definition.Name}'");
            })));
    }

    private static void Check(ValidationContext context, GraphQLField node, IMetadataReader? provider, string what)
    {
        if (provider is null || provider.IsAnonymousAllowed() || !provider.IsAuthorizationRequired()) return;
        var user = context.User;
        if (!user.IsAuthenticated())
        {
            Report(context, node, ErrorCodes.Unauthenticated, $"Sign in to read {what}.");
            return;
        }
        var roles = provider.GetRoles();
        if (roles is { Count: > 0 } && !roles.Any(user!.HasRole))
            Report(context, node, ErrorCodes.Forbidden, $"You are not allowed to read {what}.");
    }

    private static void Report(ValidationContext context, GraphQLField node, string code, string message)
    {
        if (context.Errors.Any(e => e.Code == code && e.Nodes.Contains(node))) return;
        context.ReportError(new ValidationError(context.Document.Source, null!, message, node) { Code = code });
    }
}
