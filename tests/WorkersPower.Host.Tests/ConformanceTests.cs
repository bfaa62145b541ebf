using System.Diagnostics;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

public sealed class RealServerFixture : PlatformFixture
{
    protected override bool UseRealServer => true;
}

/// <summary>
/// The GraphQL over HTTP conformance audits of the graphql-http package (the reference implementation's
/// audit suite), run by Node.js against the host on a real port. build/test.sh installs the package
/// into tests/conformance with npm ci.
/// </summary>
public sealed class ConformanceTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    [Fact]
    public async Task Every_MUST_of_the_GraphQL_over_HTTP_audit_holds()
    {
        var folder = Path.Combine(Repository.Root, "tests", "conformance");
        Directory.Exists(Path.Combine(folder, "node_modules", "graphql-http")).ShouldBeTrue(
            "The audit package is not installed: run `npm ci` in tests/conformance (build/test.sh does).");
        var url = new Uri(fixture.ServerAddress!, "/graphql").ToString();
        var start = new ProcessStartInfo("node", ["audit.mjs", url])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        process.ExitCode.ShouldBe(0, text);
        text.ShouldContain("0 MUST failures");
        // The SHOULDs hold too: only MAY notices remain.
        text.Split('\n').Where(l => l.StartsWith("WARN", StringComparison.Ordinal)).ShouldBeEmpty(text);
    }
}
