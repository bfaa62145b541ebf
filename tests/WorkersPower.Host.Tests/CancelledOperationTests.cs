using System.Security.Claims;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Host.GraphQL.Execution;
using WorkersPower.Host.Telemetry;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// An operation whose caller went away (its token cancelled: the HTTP client hung up, the socket closed) is counted
/// and timed, but is neither an error nor a failure on the operator's page and in the metrics: only the platform's own
/// failures raise the error figures operators alert on.
/// </summary>
public sealed class CancelledOperationTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task An_operation_cancelled_by_its_caller_is_counted_but_not_as_a_failure()
    {
        var runner = fixture.Services.GetRequiredService<GraphQLRunner>();
        var prepared = fixture.Services.GetRequiredService<GraphQLRequestPreparation>()
            .Prepare(new GraphQLHttpRequest("query CallerWentAway { branches { id } }", null, null, null));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() =>
            runner.RunAsync(prepared, new ClaimsPrincipal(new ClaimsIdentity()), fixture.Services, cancelled.Token));

        var figures = fixture.Services.GetRequiredService<OperationStats>().Slowest(TimeSpan.FromHours(1), 50).Single(s => s.Name == "CallerWentAway");
        (figures.Count, figures.Errors).ShouldBe((1L, 0L));
    }

    [Fact]
    public void What_threw_without_a_cancellation_is_an_internal_error_and_errors_answered_are_failures()
    {
        GraphQLRunner.OutcomeOf(null, cancelled: true).ShouldBe((null, false));
        var (thrown, failed) = GraphQLRunner.OutcomeOf(null, cancelled: false);
        (thrown!.Single().Code, failed).ShouldBe((ErrorCodes.Internal, true));
        var answered = new ExecutionResult { Errors = [new ExecutionError("x") { Code = "FORBIDDEN" }] };
        GraphQLRunner.OutcomeOf(answered, cancelled: true).Failed.ShouldBeTrue(); // an answer is an answer, whoever left
        GraphQLRunner.OutcomeOf(new ExecutionResult(), cancelled: false).ShouldBe((null, false));
    }
}
