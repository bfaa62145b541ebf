using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Decisions.Tests;

/// <summary>A running host on its own database for Decisions' integration tests, with a clock the tests move.</summary>
public class DecisionsFixture : PlatformFixture
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
