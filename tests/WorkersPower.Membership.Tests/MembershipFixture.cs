using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Membership.Contracts;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>A host with a probe that records the MemberJoined messages Membership publishes.</summary>
public class MembershipFixture : PlatformFixture
{
    private string? branchId;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(o => o.Discovery.IncludeType(typeof(MemberJoinedProbeHandler)));

    /// <summary>A branch for tests that do not care which.</summary>
    public async Task<string> BranchAsync() => branchId ??= await MembershipApi.CreateBranchAsync(Client, await AdminTokenAsync());
}

/// <summary>Stands in for the modules that will consume MemberJoined: records what arrives.</summary>
public static class MemberJoinedProbeHandler
{
    public static ConcurrentQueue<MemberJoined> Received { get; } = new();

    public static void Handle(MemberJoined message) => Received.Enqueue(message);
}
