using System.Collections.Concurrent;
using WorkersPower.Campaigns.Campaigns;

namespace WorkersPower.Campaigns.Tests;

/// <summary>The progress stream of one subscriber, without a database: what a notice pushes and what it does not.</summary>
public sealed class ProgressObservableTests
{
    private sealed record Progress(int SignUps);

    [Fact]
    public async Task A_notice_pushes_the_value_only_when_it_differs_from_the_last_one_sent()
    {
        var feed = new CampaignProgressFeed();
        var campaignId = Guid.NewGuid();
        var current = new Progress(0);
        var received = new BlockingCollection<Progress>();
        var observable = new ProgressObservable<Progress>(campaignId, feed, _ => Task.FromResult(Volatile.Read(ref current)));
        using var subscription = observable.Subscribe(new Observer(received));
        Next(received).ShouldBe(new Progress(0));

        // A late notice of a change the first value already held, and a reload of everything: nothing new.
        feed.Publish(campaignId);
        feed.PublishAll();
        Volatile.Write(ref current, new Progress(1));
        feed.Publish(campaignId);
        Next(received).ShouldBe(new Progress(1), "the repeated 0s were not sent");

        Volatile.Write(ref current, new Progress(0));
        feed.PublishAll();
        Next(received).ShouldBe(new Progress(0));
        await Task.Delay(200);
        received.Count.ShouldBe(0);
    }

    private static Progress Next(BlockingCollection<Progress> received)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return received.Take(timeout.Token);
    }

    private sealed class Observer(BlockingCollection<Progress> received) : IObserver<Progress>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) => throw error;

        public void OnNext(Progress value) => received.Add(value);
    }
}
