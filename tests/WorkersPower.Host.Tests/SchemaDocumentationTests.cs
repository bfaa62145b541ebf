using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Every type, field, argument and enum value a client sees has a description.</summary>
public sealed class SchemaDocumentationTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public void Everything_in_the_schema_is_described()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var missing = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !IsBuiltIn(t.Name)))
        {
            if (string.IsNullOrWhiteSpace(type.Description)) missing.Add(type.Name);
            if (type is IComplexGraphType complex)
                foreach (var field in complex.Fields)
                {
                    if (string.IsNullOrWhiteSpace(field.Description)) missing.Add($"{type.Name}.{field.Name}");
                    foreach (var argument in field.Arguments ?? [])
                        if (string.IsNullOrWhiteSpace(argument.Description)) missing.Add($"{type.Name}.{field.Name}({argument.Name})");
                }
        }
        missing.ShouldBeEmpty();
    }

    private static bool IsBuiltIn(string name) => name is "String" or "Int" or "Float" or "Boolean" or "ID";
}
