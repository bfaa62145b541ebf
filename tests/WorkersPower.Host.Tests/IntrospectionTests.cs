using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The introspection every GraphQL tool sends: graphql-js's own <c>getIntrospectionQuery</c>, with every option and
/// with none, through the real HTTP endpoint, its answer rebuilt into a schema by graphql-js and compared with schema.graphql.
/// </summary>
public sealed class IntrospectionTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    [Fact]
    public async Task Graphql_js_rebuilds_the_committed_schema_from_its_introspection_query()
    {
        NodeScript.RequirePackage("graphql");
        var url = new Uri(fixture.ServerAddress!, "/graphql").ToString();
        var (exitCode, text) = await NodeScript.RunAsync("introspection.mjs", url, Path.Combine(Repository.Root, "schema.graphql"));
        exitCode.ShouldBe(0, text);
        text.ShouldContain("OK every option (first): the printed schema equals schema.graphql");
        text.ShouldContain("OK every option (repeated): the printed schema equals schema.graphql");
        text.ShouldContain("OK no option: no breaking or dangerous change either way");
        text.ShouldContain("ALL OK");
    }

    [Fact]
    public async Task The_current_specifications_introspection_fields_answer()
    {
        var data = await fixture.Client.DataAsync("""
            {
              __schema {
                description
                directives { name isRepeatable args(includeDeprecated: true) { name isDeprecated deprecationReason } }
              }
              __type(name: "Query") {
                specifiedByURL isOneOf
                fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated } }
              }
              input: __type(name: "ActivateAccountInput") { isOneOf inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } }
            }
            """);
        data["__schema"]!["description"]!.GetValue<string>().ShouldBe("The Workers Power organising platform: membership, campaigns and content.");
        var deprecated = data["__schema"]!["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "deprecated")!;
        deprecated["isRepeatable"]!.GetValue<bool>().ShouldBeFalse();
        deprecated["args"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["reason"]);
        data["__type"]!["specifiedByURL"].ShouldBeNull();
        data["__type"]!["isOneOf"].ShouldBeNull();
        data["__type"]!["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldContain("campaigns");
        data["input"]!["isOneOf"]!.GetValue<bool>().ShouldBeFalse();
        data["input"]!["inputFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ShouldContain("invitationToken");
    }
}

/// <summary>
/// What <see cref="Introspection"/> adds to GraphQL.NET's introspection types, on a small schema that has what the
/// platform's has not (yet): a repeatable directive with a deprecated argument, and a field's deprecated argument.
/// </summary>
public sealed class IntrospectionTypesTests
{
    private sealed class SmallSchema : Schema
    {
        public SmallSchema()
        {
            Features.RepeatableDirectives = true;
            Features.DeprecationOfInputValues = true;
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<StringGraphType>("hello")
                .Argument<StringGraphType>("name")
                .Argument<StringGraphType>("who", a => a.DeprecationReason = "Use name.")
                .Resolve(_ => "hi");
            Query = query;
            Directives.Register(new Directive("tag", DirectiveLocation.Field)
            {
                Repeatable = true,
                Arguments = new QueryArguments(
                    new QueryArgument<StringGraphType> { Name = "label" },
                    new QueryArgument<StringGraphType> { Name = "text", DeprecationReason = "Use label." }),
            });
        }

        protected override void OnBeforeInitializeType(IGraphType graphType) => Introspection.Complete(graphType);
    }

    private static async Task<JsonNode> RunAsync(string query)
    {
        var json = await new SmallSchema().ExecuteAsync(new GraphQLSerializer(), o => o.Query = query);
        var result = JsonNode.Parse(json)!;
        result["errors"].ShouldBeNull(json);
        return result["data"]!;
    }

    private static string[] Names(JsonNode? list) => list!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task A_directives_deprecated_arguments_are_listed_only_when_asked_for()
    {
        var data = await RunAsync("""
            { __schema { directives { name isRepeatable args { name } all: args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }
            """);
        var tag = data["__schema"]!["directives"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "tag")!;
        tag["isRepeatable"]!.GetValue<bool>().ShouldBeTrue();
        Names(tag["args"]).ShouldBe(["label"]);
        Names(tag["all"]).ShouldBe(["label", "text"]);
        tag["all"]![1]!["isDeprecated"]!.GetValue<bool>().ShouldBeTrue();
        tag["all"]![1]!["deprecationReason"]!.GetValue<string>().ShouldBe("Use label.");
    }

    [Fact]
    public async Task A_fields_deprecated_arguments_are_listed_only_when_asked_for_and_types_answer_specifiedByURL()
    {
        var data = await RunAsync("""
            { __type(name: "Query") { specifiedByURL fields { args { name } all: args(includeDeprecated: true) { name isDeprecated } } } }
            """);
        data["__type"]!["specifiedByURL"].ShouldBeNull();
        var hello = data["__type"]!["fields"]![0]!;
        Names(hello["args"]).ShouldBe(["name"]);
        Names(hello["all"]).ShouldBe(["name", "who"]);
    }
}
