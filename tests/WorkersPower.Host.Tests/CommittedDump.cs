using System.Diagnostics;
using System.IO.Compression;
using Npgsql;
using Shouldly;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The database today's main made before grants and the ledger (tests/WorkersPower.Membership.Tests/Migration, see its
/// README), for the migration tests: each restores it into a fresh database and starts the host on it.
/// </summary>
internal static class CommittedDump
{
    public static string File { get; } = Path.Combine(Repository.Root, "tests", "WorkersPower.Membership.Tests", "Migration", "main-2026-11-29.sql.gz");

    /// <summary>
    /// Restores the dump into the database with psql (plain SQL with COPY blocks, which need psql): the psql of the test
    /// cluster's binaries (PG_BIN) when set, else the newest server's under /usr/lib/postgresql, else the one on the PATH.
    /// </summary>
    public static async Task RestoreAsync(string connectionString)
    {
        System.IO.File.Exists(File).ShouldBeTrue($"The dump is missing: {File}");
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Psql())
        {
            ArgumentList = { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database! },
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["PGPASSWORD"] = c.Password ?? "";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await using (var gzip = new GZipStream(System.IO.File.OpenRead(File), CompressionMode.Decompress))
            await gzip.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await errors + await output);
    }

    private static string Psql()
    {
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } bin && System.IO.File.Exists(Path.Combine(bin, "psql"))) return Path.Combine(bin, "psql");
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(System.IO.File.Exists)
                .OrderBy(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).LastOrDefault() ?? "psql"
            : "psql";
    }
}
