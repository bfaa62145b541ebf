using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// <c>Database:ApplySchemaOnStartup=false</c>: a node whose schema the deployment applies (<c>db-apply</c>) neither
/// compares nor creates tables as it starts. Every fixture's host runs this way on its copy of the schema template
/// (<see cref="PlatformFactory"/>); here, the two ends: on an empty database such a node refuses to start and creates
/// nothing, and the default (true) creates every module's schema.
/// </summary>
public sealed class DeployedSchemaTests
{
    private const string ModuleTables =
        "select count(*) from information_schema.tables where table_schema in ('wolverine', 'membership', 'campaigns', 'content', 'decisions')";

    [Fact]
    public async Task A_node_told_the_schema_is_applied_stops_on_an_empty_database_and_creates_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync("deployedschema");
        try
        {
            var failure = await Should.ThrowAsync<Exception>(async () =>
            {
                await using var host = new PlatformFactory(Settings(database, apply: false), null, null);
                _ = host.Services; // starts the host
            });
            failure.ToString().ShouldContain("wolverine_incoming_envelopes"); // says which table is missing
            (await TestPostgres.ScalarAsync(database, ModuleTables)).ShouldBe(0);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task By_default_a_node_creates_every_modules_schema_as_it_starts()
    {
        var database = await TestPostgres.CreateDatabaseAsync("appliedschema");
        try
        {
            await using (var host = new PlatformFactory(Settings(database, apply: null), null, null))
            {
                var answer = await new GraphQLClient(host.CreateClient()).PostAsync("{ branches { id } campaigns(first: 1) { totalCount } articles(first: 1) { totalCount } }");
                answer.Errors.ShouldBeNull();
                answer.Json!["data"]!["branches"].ShouldNotBeNull();
            }
            foreach (var schema in new[] { "wolverine", "membership", "campaigns", "content", "decisions" })
                (await TestPostgres.ScalarAsync(database, $"select count(*) from information_schema.tables where table_schema = '{schema}'")).ShouldBeGreaterThan(3, schema);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string?> Settings(string database, bool? apply)
    {
        var settings = PlatformFixture.HostSettings(database);
        if (apply is { } value) settings["Database:ApplySchemaOnStartup"] = value ? "true" : "false";
        return settings;
    }
}
