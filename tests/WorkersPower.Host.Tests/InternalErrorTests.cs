using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>A host with a field that fails like a bug would.</summary>
public sealed class FailingFieldFixture : PlatformFixture
{
    public const string Secret = "select * from membership.mt_doc_account where password_hash = 'AQAAAAIAAYag'";

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ISchemaContributor, FailingField>();

    private sealed class FailingField : ISchemaContributor
    {
        public void AddQueryFields(ObjectGraphType query) =>
            query.Field<StringGraphType>("failingForTests").AllowAnonymous().Resolve(_ => throw new InvalidOperationException(Secret));
    }
}

public sealed class InternalErrorTests(FailingFieldFixture fixture) : IClassFixture<FailingFieldFixture>
{
    [Fact]
    public async Task An_unhandled_exception_is_logged_with_a_correlation_id_and_answered_generically()
    {
        var response = await fixture.Client.PostAsync("{ failingForTests branches { name } }");
        response.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        response.ErrorCodes.ShouldBe(["INTERNAL_SERVER_ERROR"]);
        response.Body.ShouldNotContain("select");
        response.Body.ShouldNotContain("InvalidOperationException");
        response.Body.ShouldNotContain("   at ");
        response.Data!["branches"].ShouldNotBeNull();
        var correlationId = response.Errors![0]!["extensions"]!["correlationId"]!.GetValue<string>();
        correlationId.ShouldNotBeNullOrWhiteSpace();
        response.Errors[0]!["message"]!.GetValue<string>().ShouldContain(correlationId);

        var logged = fixture.Logs.Lines.Where(l => l.Level == LogLevel.Error && l.Message.Contains(correlationId, StringComparison.Ordinal)).ToList();
        logged.Count.ShouldBe(1);
        logged[0].Exception!.Message.ShouldBe(FailingFieldFixture.Secret);
    }
}
