using System.Collections.Concurrent;
using System.Diagnostics;
using WorkersPower.Campaigns.Campaigns;

namespace WorkersPower.Campaigns.Tests;

/// <summary>The progress streams of a node, without a database: what a notice pushes, to whom, and how many loads it costs.</summary>
public sealed class ProgressStreamsTests
{
    private sealed record Progress(int SignUps);

    [Fact]
    public async Task A_notice_pushes_the_value_only_when_it_differs_from_the_last_one_sent()
    {
        var feed = new CampaignProgressFeed();
        var campaignId = Guid.NewGuid();
        var current = new Progress(0);
        var received = new BlockingCollection<Progress>();
        var streams = new ProgressStreams<Progress>(feed, (_, _) => Task.FromResult(Volatile.Read(ref current)));
        using var subscription = streams.Of(campaignId).Subscribe(new Observer(received));
        Next(received).ShouldBe(new Progress(0));

        // A late notice of a change the first value already held, and a reload of everything: nothing new.
        feed.Publish(campaignId);
        feed.ReloadAll();
        await Task.Delay(100);
        Volatile.Write(ref current, new Progress(1));
        feed.Publish(campaignId);
        Next(received).ShouldBe(new Progress(1), "the repeated 0s were not sent");

        Volatile.Write(ref current, new Progress(0));
        feed.ReloadAll();
        Next(received).ShouldBe(new Progress(0));
        await Task.Delay(200);
        received.Count.ShouldBe(0);
    }

    [Fact]
    public async Task One_change_costs_one_load_whatever_the_number_of_subscribers()
    {
        var feed = new CampaignProgressFeed();
        var campaignId = Guid.NewGuid();
        var other = Guid.NewGuid();
        var current = 0;
        var loadsOf = new ConcurrentDictionary<Guid, int>();
        var streams = new ProgressStreams<Progress>(feed, async (id, _) =>
        {
            loadsOf.AddOrUpdate(id, 1, (_, n) => n + 1);
            await Task.Delay(20); // a round trip, during which more notices may come
            return new Progress(Volatile.Read(ref current));
        });
        var subscribers = Enumerable.Range(0, 25).Select(_ => new BlockingCollection<Progress>()).ToList();
        var subscriptions = subscribers.Select(r => streams.Of(campaignId).Subscribe(new Observer(r))).ToList();
        using var elsewhere = streams.Of(other).Subscribe(new Observer(new BlockingCollection<Progress>()));
        foreach (var received in subscribers) Next(received).ShouldBe(new Progress(0));
        await Task.Delay(200);
        var before = loadsOf[campaignId];
        before.ShouldBeLessThanOrEqualTo(3, "subscribers arriving together share the first loads");
        var otherBefore = loadsOf[other];

        Volatile.Write(ref current, 1);
        feed.Publish(campaignId);
        foreach (var received in subscribers) Next(received).ShouldBe(new Progress(1));
        await Task.Delay(200);
        loadsOf[campaignId].ShouldBe(before + 1, "one change, one load for all 25 subscribers");
        loadsOf[other].ShouldBe(otherBefore, "another campaign's subscribers load nothing");

        // A burst of notices during a load: one more load after it, not one per notice.
        Volatile.Write(ref current, 2);
        for (var i = 0; i < 10; i++) feed.Publish(campaignId);
        foreach (var received in subscribers) Next(received).ShouldBe(new Progress(2));
        await Task.Delay(200);
        loadsOf[campaignId].ShouldBeLessThanOrEqualTo(before + 3);

        // Once the last subscriber leaves, notices cost nothing.
        foreach (var subscription in subscriptions) subscription.Dispose();
        var after = loadsOf[campaignId];
        feed.Publish(campaignId);
        await Task.Delay(200);
        loadsOf[campaignId].ShouldBe(after);
        streams.Loads.ShouldBe(loadsOf.Values.Sum(), "the node's own count of loads");
    }

    [Fact]
    public void A_slow_subscriber_holds_up_nobody_else()
    {
        var feed = new CampaignProgressFeed();
        var campaignId = Guid.NewGuid();
        var current = 0;
        var streams = new ProgressStreams<Progress>(feed, (_, _) => Task.FromResult(new Progress(Volatile.Read(ref current))));
        using var release = new ManualResetEventSlim();
        var slow = new BlockingCollection<Progress>();
        using var stuck = streams.Of(campaignId).Subscribe(new Observer(slow, release));
        var fast = new BlockingCollection<Progress>();
        using var quick = streams.Of(campaignId).Subscribe(new Observer(fast));
        Next(fast).ShouldBe(new Progress(0));
        for (var i = 1; i <= 3; i++)
        {
            Volatile.Write(ref current, i);
            feed.Publish(campaignId);
            Next(fast).ShouldBe(new Progress(i));
        }
        release.Set();
        // the slow one gets its first value, then the latest (the ones in between are skipped)
        Next(slow).ShouldBe(new Progress(0));
        Next(slow).ShouldBe(new Progress(3));
    }

    [Fact]
    public async Task A_busy_campaign_is_loaded_at_most_once_an_interval_and_its_subscribers_end_on_the_last_value()
    {
        var feed = new CampaignProgressFeed();
        var campaignId = Guid.NewGuid();
        var current = 0;
        var loads = 0;
        var streams = new ProgressStreams<Progress>(feed, (_, _) =>
        {
            Interlocked.Increment(ref loads);
            return Task.FromResult(new Progress(Volatile.Read(ref current)));
        }, TimeSpan.FromMilliseconds(250));
        var received = new BlockingCollection<Progress>();
        using var subscription = streams.Of(campaignId).Subscribe(new Observer(received));
        Next(received).ShouldBe(new Progress(0));

        // 40 changes over about 600 ms: with a load per change (instant loads, nothing to coalesce) 40 loads
        var started = Stopwatch.GetTimestamp();
        for (var i = 1; i <= 40; i++)
        {
            Volatile.Write(ref current, i);
            feed.Publish(campaignId);
            await Task.Delay(15);
        }
        var spent = Stopwatch.GetElapsedTime(started);
        var values = new List<Progress>();
        while (values.LastOrDefault() != new Progress(40)) values.Add(Next(received));

        values.Select(v => v.SignUps).ShouldBeInOrder(SortDirection.Ascending);
        Volatile.Read(ref loads).ShouldBeLessThanOrEqualTo(2 + (int)Math.Ceiling(spent / TimeSpan.FromMilliseconds(250)),
            $"one first load, then one per 250 ms at most over {spent.TotalMilliseconds:0} ms");
    }

    private static Progress Next(BlockingCollection<Progress> received)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return received.Take(timeout.Token);
    }

    private sealed class Observer(BlockingCollection<Progress> received, ManualResetEventSlim? wait = null) : IObserver<Progress>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) => throw error;

        public void OnNext(Progress value)
        {
            wait?.Wait(TimeSpan.FromSeconds(10));
            received.Add(value);
        }
    }
}
