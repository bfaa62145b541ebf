using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Demo data that waits for the test's word before the modules' demo data loads (it runs first).</summary>
public sealed class DemoGate : IDemoData
{
    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Order => int.MinValue;

    public void Open() => open.TrySetResult();

    public Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken) => open.Task.WaitAsync(cancellationToken);
}

/// <summary>Demo data that fails, as a demo load would when, say, a module's command is refused.</summary>
public sealed class BrokenDemoData : IDemoData
{
    public int Order => int.MinValue;

    public Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("demo campaign refused on purpose");
}

public sealed class DemoGateFixture : PlatformFixture
{
    public DemoGate Gate { get; } = new();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Demo:Seed"] = "true";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDemoData>(Gate);
}

public sealed class BrokenDemoFixture : PlatformFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Demo:Seed"] = "true";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IDemoData, BrokenDemoData>();
}

/// <summary>With Demo:Seed on (build/run.sh), /health/ready answers 200 only once the demo data is there.</summary>
public sealed class DemoReadinessTests(DemoGateFixture fixture) : IClassFixture<DemoGateFixture>
{
    private const string Campaigns = "{ campaigns(first: 10) { nodes { title } } }";

    [Fact]
    public async Task Ready_only_once_the_demo_data_is_loaded_and_then_the_demo_campaigns_are_there()
    {
        var http = fixture.Client.Http;
        // While the demo data is held back: not ready, and saying why, however often asked.
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
            body.ShouldContain("demo data: The demo data is still loading.");
            await Task.Delay(200);
        }
        (await fixture.Client.DataAsync(Campaigns))["campaigns"]!["nodes"]!.AsArray().ShouldBeEmpty();

        fixture.Gate.Open();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
                break;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not ready 60 s after the demo data was let through: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
        // The first query after "ready" sees the demo campaigns (build/run.sh's two).
        var titles = (await fixture.Client.DataAsync(Campaigns))["campaigns"]!["nodes"]!.AsArray().Select(n => n!["title"]!.GetValue<string>()).ToList();
        titles.Count.ShouldBe(2, string.Join(", ", titles));
        titles.ShouldContain("Workers' action for Palestine");
    }
}

/// <summary>A demo load that fails keeps the host not ready, with the reason in the answer.</summary>
public sealed class BrokenDemoReadinessTests(BrokenDemoFixture fixture) : IClassFixture<BrokenDemoFixture>
{
    [Fact]
    public async Task A_failed_demo_load_keeps_the_host_not_ready_with_the_reason()
    {
        var http = fixture.Client.Http;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string body;
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
            if (body.Contains("failed", StringComparison.Ordinal)) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no failure reported within 60 s: {body}");
            await Task.Delay(50);
        }
        body.ShouldContain("demo data: Loading the demo data failed (InvalidOperationException: demo campaign refused on purpose)");
        // and it stays so
        await Task.Delay(500);
        using var later = await http.GetAsync("/health/ready");
        later.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await later.Content.ReadAsStringAsync()).ShouldBe(body);
    }
}
