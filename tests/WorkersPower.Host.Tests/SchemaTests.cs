using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>schema.graphql at the repository root is the served schema, printed from the code.</summary>
public sealed class SchemaTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    /// <summary>Set WP_UPDATE_SCHEMA=1 to rewrite schema.graphql from the code instead of failing.</summary>
    private const string UpdateVariable = "WP_UPDATE_SCHEMA";

    [Fact]
    public void The_committed_schema_is_the_served_schema()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        var printed = schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true, StringComparison = StringComparison.Ordinal })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
        var path = Path.Combine(Repository.Root, "schema.graphql");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") File.WriteAllText(path, printed);
        File.Exists(path).ShouldBeTrue($"schema.graphql is missing: run `{UpdateVariable}=1 build/test.sh` to write it.");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        committed.ShouldBe(printed, $"schema.graphql differs from the served schema: run `{UpdateVariable}=1 build/test.sh` and commit the result.");
    }

    [Fact]
    public async Task Introspection_answers_by_default()
    {
        var data = await fixture.Client.DataAsync("{ __schema { queryType { name } mutationType { name } } }");
        data["__schema"]!["queryType"]!["name"]!.GetValue<string>().ShouldBe("Query");
        data["__schema"]!["mutationType"]!["name"]!.GetValue<string>().ShouldBe("Mutation");
    }

    [Fact]
    public void Every_operation_named_in_the_api_sketch_for_membership_is_served()
    {
        var schema = fixture.Services.GetRequiredService<ISchema>();
        string[] queries = ["node", "nodes", "me", "branches", "branch", "membershipApplications"];
        string[] mutations = ["applyForMembership", "approveMembershipApplication", "rejectMembershipApplication", "activateAccount", "signIn", "createBranch"];
        foreach (var q in queries) schema.Query.GetField(q).ShouldNotBeNull(q);
        foreach (var m in mutations) schema.Mutation!.GetField(m).ShouldNotBeNull(m);
    }
}
