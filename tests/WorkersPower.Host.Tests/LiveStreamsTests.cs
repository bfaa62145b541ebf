using WorkersPower.Platform.Live;

namespace WorkersPower.Host.Tests;

/// <summary>
/// <see cref="LiveStreams{T}"/> in process, without a database: how a value reaches many subscribers of one key.
/// </summary>
public sealed class LiveStreamsTests
{
    private sealed record Count(int Value);

    /// <summary>A subscriber whose observer throws ends its own stream only: the others still get the value.</summary>
    [Fact]
    public void An_observer_that_throws_does_not_stop_the_others_getting_the_value()
    {
        var feed = new LiveFeed<Count>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streams = new LiveStreams<Count>(feed.Listen, async (_, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return new Count(7);
        });
        var key = Guid.NewGuid();
        var failed = new ManualResetEventSlim();
        var received = new CountdownEvent(3);
        var observers = new List<IDisposable>
        {
            streams.Of(key).Subscribe(new Observer(_ => received.Signal())),
            streams.Of(key).Subscribe(new Observer(_ => throw new InvalidOperationException("this observer breaks"), _ => failed.Set())),
            streams.Of(key).Subscribe(new Observer(_ => received.Signal())),
            streams.Of(key).Subscribe(new Observer(_ => received.Signal())),
        };

        gate.SetResult();
        received.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the three other subscribers get the value");
        failed.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue("the one that threw has its stream ended with the error");
        foreach (var o in observers) o.Dispose();
    }

    private sealed class Observer(Action<Count> next, Action<Exception>? error = null) : IObserver<Count>
    {
        public void OnNext(Count value) => next(value);

        public void OnError(Exception e) => error?.Invoke(e);

        public void OnCompleted() { }
    }
}
