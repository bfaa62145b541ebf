using System.Security.Claims;
using System.Text;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The authorization matrix: every field of every object type reachable from the roots (queries, mutations,
/// subscriptions, through lists, connections and the node interface), tried by an anonymous caller and by
/// a caller with each role, through the platform's authorization rule. The answers are compared with the
/// committed matrix in authorization-matrix.txt, so a new field, or a changed rule, cannot land without
/// being read in review: regenerate with WP_UPDATE_SCHEMA=1 and look at the diff.
/// (Which branch an organiser may act on is decided by the data, not the schema: the Membership and
/// Campaigns tests cover organisers of another branch.)
/// </summary>
public sealed class AuthorizationMatrixTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly string[] Callers = ["anonymous", .. Enum.GetNames<Role>()];

    [Fact]
    public async Task Every_field_answers_each_caller_as_the_committed_matrix_says()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var validator = fixture.Services.GetRequiredService<IDocumentValidator>();
        var rule = new AuthorizationRule();
        var lines = new List<string>();
        var tried = 0;
        foreach (var (operation, path, field) in Fields(schema))
        {
            var document = Parser.Parse(Document(operation, path, field));
            var verdicts = new List<string>();
            foreach (var caller in Callers)
            {
                var result = await validator.ValidateAsync(new ValidationOptions
                {
                    Schema = schema,
                    Document = document,
                    Operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single(),
                    Rules = [rule],
                    User = Principal(caller),
                    RequestServices = fixture.Services,
                    UserContext = new Dictionary<string, object?>(),
                    Variables = Inputs.Empty,
                    Extensions = Inputs.Empty,
                });
                tried++;
                var codes = result.Errors.Select(e => e.Code).ToHashSet();
                verdicts.Add(codes.Contains(ErrorCodes.Unauthenticated) || codes.Contains(ErrorCodes.Forbidden) ? "-" : caller == "anonymous" ? "anon" : caller);
            }
            lines.Add($"{operation} {string.Join('.', path.Select(p => p.Field.Name).Append(field.Name))}: {string.Join(' ', verdicts.Where(v => v != "-"))}".TrimEnd(':', ' '));
        }

        lines.Count.ShouldBeGreaterThan(150, $"only {lines.Count} fields reached");
        tried.ShouldBe(lines.Count * Callers.Length);
        var actual = "# Who may read or call each field (written by AuthorizationMatrixTests; regenerate with WP_UPDATE_SCHEMA=1).\n" +
            "# Each line: operation, path from the root, then the callers allowed (anon = anyone, even signed out).\n" +
            string.Join('\n', lines) + "\n";
        var file = Path.Combine(Repository.Root, "tests", "WorkersPower.Host.Tests", "authorization-matrix.txt");
        if (Environment.GetEnvironmentVariable("WP_UPDATE_SCHEMA") == "1") await File.WriteAllTextAsync(file, actual);
        var expected = File.Exists(file) ? await File.ReadAllTextAsync(file) : "";
        actual.ShouldBe(expected, "The authorization matrix changed: review the difference, then regenerate authorization-matrix.txt with WP_UPDATE_SCHEMA=1.");
    }

    [Fact]
    public async Task Personal_fields_are_refused_to_anonymous_callers_in_the_matrix()
    {
        var matrix = await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "tests", "WorkersPower.Host.Tests", "authorization-matrix.txt"));
        // Nothing under a member, an application or an account is open to anonymous callers.
        matrix.Where(l => !l.StartsWith('#'))
            .Where(l => l.Contains(" members.") || l.Contains(" member.") || l.Contains(" membershipApplications.") || l.Contains(" personalDataReads."))
            .Where(l => l.Contains(": anon", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    private static ClaimsPrincipal Principal(string caller)
    {
        if (caller == "anonymous") return new ClaimsPrincipal(new ClaimsIdentity());
        var claims = new List<Claim> { new(Claims.Subject, Guid.NewGuid().ToString()), new(Claims.Role, caller) };
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", Claims.Subject, Claims.Role));
    }

    private sealed record Step(IComplexGraphType Parent, FieldType Field, IObjectGraphType Target);

    /// <summary>Each field with the shortest path of fields that reaches its type from a root.</summary>
    private static IEnumerable<(string Operation, IReadOnlyList<Step> Path, FieldType Field)> Fields(ISchema schema)
    {
        var roots = new (string, IObjectGraphType?)[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) };
        foreach (var (operation, root) in roots)
        {
            if (root is null) continue;
            var paths = new Dictionary<IObjectGraphType, IReadOnlyList<Step>> { [root] = [] };
            var queue = new Queue<IObjectGraphType>([root]);
            while (queue.Count > 0)
            {
                var type = queue.Dequeue();
                foreach (var field in type.Fields.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    foreach (var target in ObjectTypes(schema, field.ResolvedType!.GetNamedType()))
                    {
                        if (paths.ContainsKey(target)) continue;
                        paths[target] = [.. paths[type], new Step(type, field, target)];
                        queue.Enqueue(target);
                    }
                }
            }
            foreach (var (type, path) in paths.OrderBy(p => p.Value.Count).ThenBy(p => p.Key.Name, StringComparer.Ordinal))
            {
                if (operation != "query" && path.Count > 0) continue; // nested types are listed once, under query
                foreach (var field in type.Fields.OrderBy(f => f.Name, StringComparer.Ordinal))
                    yield return (operation, path, field);
            }
        }
    }

    private static IEnumerable<IObjectGraphType> ObjectTypes(ISchema schema, IGraphType type) => type switch
    {
        IObjectGraphType o => [o],
        IInterfaceGraphType i => i.PossibleTypes.OrderBy(t => t.Name, StringComparer.Ordinal),
        UnionGraphType u => u.PossibleTypes.OrderBy(t => t.Name, StringComparer.Ordinal),
        _ => [],
    };

    /// <summary>A document selecting the field through its path (arguments are left out: only authorization is checked).</summary>
    private static string Document(string operation, IReadOnlyList<Step> path, FieldType field)
    {
        var text = new StringBuilder(operation).Append(" { ");
        foreach (var step in path)
        {
            text.Append(step.Field.Name).Append(" { ");
            if (step.Field.ResolvedType!.GetNamedType() is not IObjectGraphType) text.Append("... on ").Append(step.Target.Name).Append(" { ");
        }
        text.Append(field.Name);
        if (field.ResolvedType!.GetNamedType() is IComplexGraphType or UnionGraphType) text.Append(" { __typename }");
        foreach (var step in path.Reverse())
        {
            if (step.Field.ResolvedType!.GetNamedType() is not IObjectGraphType) text.Append(" }");
            text.Append(" }");
        }
        return text.Append(" }").ToString();
    }
}
