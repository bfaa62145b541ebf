using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// Every operation a client can call declares who may call it: anonymous (AllowAnonymous), any signed-in
/// caller (Authorize) or roles (AuthorizeWithRoles). A new root field without a rule fails this test; each
/// role-guarded one is refused to anonymous callers before anything runs.
/// </summary>
public sealed class AuthorizationCoverageTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static IEnumerable<(string Operation, FieldType Field)> RootFields(ISchema schema) =>
        new (string, IObjectGraphType?)[] { ("query", schema.Query), ("mutation", schema.Mutation), ("subscription", schema.Subscription) }
            .Where(t => t.Item2 is not null)
            .SelectMany(t => t.Item2!.Fields.Select(f => (t.Item1, f)));

    [Fact]
    public void Every_root_field_declares_who_may_call_it()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var undeclared = RootFields(schema)
            .Where(r => r.Field.Name is not ("node" or "nodes")) // resolve through each type's own visibility rules
            .Where(r => !r.Field.IsAnonymousAllowed() && !r.Field.IsAuthorizationRequired())
            .Select(r => $"{r.Operation} {r.Field.Name}")
            .ToList();
        undeclared.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_guarded_mutation_is_refused_to_anonymous_callers_before_it_runs()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var guarded = schema.Mutation!.Fields.Where(f => f.IsAuthorizationRequired() && !f.IsAnonymousAllowed()).ToList();
        guarded.Count.ShouldBeGreaterThan(20);
        foreach (var field in guarded)
        {
            var response = await fixture.Client.PostAsync($"mutation {{ {field.Name}(input: {{}}) {{ __typename }} }}");
            response.ErrorCodes.ShouldContain("UNAUTHENTICATED", field.Name);
            response.Data.ShouldBeNull(field.Name);
        }
    }
}
