using GraphQL;
using GraphQL.Types;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Campaigns.Tests;

/// <summary>
/// Fields that exist only in the test hosts that register them: a query and a mutation that take a minute
/// (to meet the execution timeout), and a subscription that sends one value after a delay and then stays open.
/// </summary>
internal sealed class TestFields : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<StringGraphType>("testSlowQuery").Description("Takes a minute (tests only).").AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                await Task.Delay(TimeSpan.FromMinutes(1), ctx.CancellationToken);
                return "done";
            });

    /// <summary>The slow mutation: mutations are each an <see cref="IMutationField"/>, registered beside the contributor.</summary>
    internal sealed class SlowMutation : IMutationField
    {
        public void AddTo(ObjectGraphType mutation) =>
            mutation.Field<StringGraphType>("testSlowMutation").Description("Takes a minute (tests only).").AllowAnonymous()
                .ResolveAsync(async ctx =>
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), ctx.CancellationToken);
                    return "done";
                });
    }

    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<StringGraphType>("testLateValue").Description("One value after the delay, then nothing until completed (tests only).")
            .Argument<NonNullGraphType<IntGraphType>>("afterMs", "The delay in milliseconds.")
            .AllowAnonymous()
            .ResolveStream(ctx => new Late(TimeSpan.FromMilliseconds(ctx.GetArgument<int>("afterMs"))));

    private sealed class Late(TimeSpan after) : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            var cancellation = new CancellationTokenSource();
            _ = Task.Delay(after, cancellation.Token).ContinueWith(t =>
            {
                if (!t.IsCanceled) observer.OnNext("late");
            }, TaskScheduler.Default);
            return new Cancel(cancellation);
        }
    }

    private sealed class Cancel(CancellationTokenSource cancellation) : IDisposable
    {
        public void Dispose() => cancellation.Cancel();
    }
}
