using Microsoft.Extensions.Options;
using WorkersPower.Membership.Accounts;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The sign-in throttle alone, with a clock the test moves.</summary>
public sealed class SignInThrottleTests
{
    private static (SignInThrottle Throttle, TestClock Clock) Make()
    {
        var clock = new TestClock();
        var options = Options.Create(new SignInThrottleOptions { MaxFailuresPerEmail = 3, MaxFailuresPerAddress = 100, Window = TimeSpan.FromMinutes(15) });
        return (new SignInThrottle(options, clock), clock);
    }

    [Fact]
    public void Entries_expire_with_the_window_and_are_evicted()
    {
        var (throttle, clock) = Make();
        for (var i = 0; i < 3; i++) throttle.RecordFailure("someone@example.org", "10.0.0.1");
        for (var i = 0; i < 50; i++) throttle.RecordFailure($"guess{i}@example.org", "10.0.0.2");
        throttle.RetryAfter("someone@example.org", null).ShouldNotBeNull();
        throttle.Count.ShouldBe(53); // 51 emails and 2 addresses

        clock.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        throttle.RetryAfter("someone@example.org", null).ShouldBeNull();
        throttle.Count.ShouldBe(0);
    }

    [Fact]
    public void A_failure_inside_the_window_keeps_its_entry_through_a_sweep()
    {
        var (throttle, clock) = Make();
        throttle.RecordFailure("early@example.org", null);
        clock.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 3; i++) throttle.RecordFailure("late@example.org", null);
        clock.Advance(TimeSpan.FromMinutes(6)); // the early one is out of the window, the late ones are not
        throttle.RetryAfter("late@example.org", null).ShouldNotBeNull();
        throttle.Count.ShouldBe(1);
    }

    [Fact]
    public void Entries_are_keyed_by_a_keyed_hash_never_by_the_email_or_address()
    {
        var (throttle, _) = Make();
        throttle.RecordFailure("Private.Person@example.org", "192.0.2.33");
        throttle.Keys.Count.ShouldBe(2);
        foreach (var key in throttle.Keys)
        {
            key.ShouldNotContain("private.person", Case.Insensitive);
            key.ShouldNotContain("example.org", Case.Insensitive);
            key.ShouldNotContain("192.0.2.33");
        }
        // another process (another key) keys the same email differently: the hash cannot be looked up in a table
        var (other, _) = Make();
        other.RecordFailure("Private.Person@example.org", "192.0.2.33");
        other.Keys.Intersect(throttle.Keys).ShouldBeEmpty();
    }
}
