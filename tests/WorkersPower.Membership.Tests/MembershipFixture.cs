using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Membership.Contracts;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>A host with a probe that records the MemberJoined messages Membership publishes.</summary>
public class MembershipFixture : PlatformFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(o => o.Discovery.IncludeType(typeof(MemberJoinedProbeHandler)).IncludeType(typeof(MembershipContractsProbeHandler)));
}

/// <summary>Stands in for the modules that will consume MemberJoined: records what arrives.</summary>
public static class MemberJoinedProbeHandler
{
    public static ConcurrentQueue<MemberJoined> Received { get; } = new();

    public static void Handle(MemberJoined message) => Received.Enqueue(message);
}

/// <summary>Records the other contract messages Membership publishes.</summary>
public static class MembershipContractsProbeHandler
{
    public static ConcurrentQueue<object> Received { get; } = new();

    public static void Handle(MemberStandingChanged message) => Received.Enqueue(message);

    public static void Handle(MemberTransferredBranch message) => Received.Enqueue(message);

    public static void Handle(MemberRenamed message) => Received.Enqueue(message);

    public static void Handle(MemberErased message) => Received.Enqueue(message);

    public static async Task<T> WaitForAsync<T>(Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (Received.OfType<T>().FirstOrDefault(match) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {typeof(T).Name} arrived.");
    }
}
