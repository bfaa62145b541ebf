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
        NodeScript.RequirePackage("graphql-http");
        var (exitCode, text) = await NodeScript.RunAsync("audit.mjs", new Uri(fixture.ServerAddress!, "/graphql").ToString());
        exitCode.ShouldBe(0, text);
        text.ShouldContain("0 MUST failures");
        // The SHOULDs hold too: only MAY notices remain.
        text.Split('\n').Where(l => l.StartsWith("WARN", StringComparison.Ordinal)).ShouldBeEmpty(text);
    }
}
