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

    /// <summary>The log as the console writes it outside Development: JSON lines.</summary>
    public JsonLogLines Json { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ISchemaContributor, FailingField>();
        services.AddSingleton<ILoggerProvider>(s => Json.Using(s.GetServices<Microsoft.Extensions.Logging.Console.ConsoleFormatter>()));
    }

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

    /// <summary>
    /// Outside Development the console log is JSON, one object a line, with the trace id of the request (the caller's
    /// own, from its traceparent header) and the correlation id the error answer quotes: an operator can go from a
    /// member's report to the log line and to the trace.
    /// </summary>
    [Fact]
    public async Task The_log_line_is_json_with_the_trace_id_and_the_correlation_id()
    {
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ failingForTests }" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var correlationId = answer["errors"]![0]!["extensions"]!["correlationId"]!.GetValue<string>();

        var line = fixture.Json.Lines.Single(l => l.Contains(correlationId, StringComparison.Ordinal));
        line.ShouldNotContain("\n"); // one line: the stack trace is inside the JSON string
        var entry = System.Text.Json.Nodes.JsonNode.Parse(line)!;
        entry["LogLevel"]!.GetValue<string>().ShouldBe("Error");
        entry["Timestamp"]!.GetValue<string>().ShouldEndWith("Z");
        entry["State"]!["CorrelationId"]!.GetValue<string>().ShouldBe(correlationId);
        entry["Scopes"]!.AsArray().ShouldContain(s => s!["TraceId"] != null && s["TraceId"]!.GetValue<string>() == traceId);
        fixture.Json.Lines.ShouldAllBe(l => System.Text.Json.Nodes.JsonNode.Parse(l, null, default) != null);
    }
}
