using System.Diagnostics;
using Shouldly;

namespace WorkersPower.Testing;

/// <summary>Runs one of the Node.js test clients in tests/conformance (installed by build/test.sh with npm ci).</summary>
public static class NodeScript
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "conformance");

    /// <summary>Fails clearly when the npm package the script needs is not installed.</summary>
    public static void RequirePackage(string package) =>
        Directory.Exists(Path.Combine(Folder, "node_modules", package)).ShouldBeTrue($"Run `npm ci` in tests/conformance (build/test.sh does): {package} is missing.");

    /// <summary>Fails clearly when the browser tests cannot run: Debian's chromium, playwright-core and axe-core.</summary>
    public static void RequireChromiumAndAxe()
    {
        File.Exists(Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium").ShouldBeTrue("Debian's chromium package is needed (build/test.sh installs it).");
        RequirePackage("playwright-core");
        RequirePackage("@axe-core/playwright");
    }

    public static Process Start(string script, params string[] arguments) =>
        Process.Start(new ProcessStartInfo("node", [script, .. arguments])
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    /// <summary>Runs the script to its end (at most two minutes): its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string script, params string[] arguments) =>
        RunAsync(TimeSpan.FromMinutes(2), script, arguments);

    /// <summary>
    /// Runs the script to its end, at most <paramref name="limit"/>: its exit code and everything it printed. A script
    /// still running then is killed with its browser, and the test fails with what it had printed so far.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan limit, string script, params string[] arguments)
    {
        using var node = Start(script, arguments);
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            throw new TimeoutException($"{script} did not finish within {limit.TotalSeconds:0} s; it printed:\n{await output + await errors}");
        }
        return (node.ExitCode, await output + await errors);
    }
}
