using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using WorkersPower.Testing;

namespace WorkersPower.Faults.Tests;

/// <summary>Where the repository and the host's build output are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (the host is built alongside them).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string HostDll => Path.Combine(Root, "src", "Host", "bin", Configuration, "net10.0", "WorkersPower.Host.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkersPower.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (WorkersPower.sln) is not above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a function of build/postgres.sh (which finds or installs the server binaries first).</summary>
    public static async Task PostgresScriptAsync(string function, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source build/postgres.sh && pg_find_or_install >/dev/null && {function} \"$@\"");
        start.ArgumentList.Add("postgres-script");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{function} failed ({process.ExitCode}): {await output}{await errors}");
    }
}

/// <summary>
/// A PostgreSQL cluster of a test's own (fsync and synchronous commit on, as in production), so that the
/// test can crash and restart it without disturbing other tests.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"wp-faults-{Guid.NewGuid():N}");

    private PrivatePostgres() => Port = Repo.FreePort();

    public int Port { get; }

    private string DataDir => Path.Combine(directory, "pg");

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password=postgres;Database=postgres";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var pg = new PrivatePostgres();
        await pg.StartAgainAsync();
        return pg;
    }

    /// <summary>Starts the server (again, after a crash: it recovers from its write-ahead log).</summary>
    public Task StartAgainAsync() => Repo.PostgresScriptAsync("pg_start_cluster", DataDir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Stops the server as a crash would: immediately, without a checkpoint, cutting every client off.</summary>
    public Task CrashAsync() => Repo.PostgresScriptAsync("pg_crash_cluster", DataDir);

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await Repo.PostgresScriptAsync("pg_stop_cluster", DataDir); }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>
/// The host as a process of its own (dotnet WorkersPower.Host.dll), the way it runs in production, so a
/// test can kill it outright (SIGKILL) and start another on the same database.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string SigningKey = "fault-test-signing-key-0123456789abcdef0123456789";
    public const string AdminEmail = "fault-admin@test.workerspower.org";
    public const string AdminPassword = "Fault admin pass 2026";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new GraphQLClient(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public GraphQLClient Client { get; }

    public bool HasExited => process.HasExited;

    public int Id => process.Id;

    /// <summary>What the host wrote to its console so far (for a failing test's message).</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Starts a host on the database and waits until /health/ready answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        if (!File.Exists(Repo.HostDll)) throw new InvalidOperationException($"The host is not built: {Repo.HostDll}");
        var listenOn = port ?? Repo.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Repo.HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.HostDll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{listenOn}",
            // not Production: that environment writes Wolverine's generated code next to the sources
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_TieredPGO"] = "0",
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Auth__SigningKey"] = SigningKey,
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
            ["Demo__Seed"] = "false",
            ["Membership__Applications__PermitLimit"] = "1000000",
            ["Membership__SignIn__MaxFailuresPerAddress"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var host = new HostProcess(Process.Start(start)!, listenOn);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    /// <summary>The status /health/ready answers, or 0 when the host does not answer at all.</summary>
    public async Task<int> ReadinessAsync()
    {
        try
        {
            using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
            using var response = await http.GetAsync("/health/ready");
            return (int)response.StatusCode;
        }
        catch (HttpRequestException) { return 0; }
        catch (TaskCanceledException) { return 0; }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ReadinessAsync() != 200)
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited ({process.ExitCode}):\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The host was not ready after {timeout}:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, nothing the host can do about it.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async Task<string> SignInAdminAsync()
    {
        var response = await Client.PostAsync(MembershipApi.SignIn, new { input = new { email = AdminEmail, password = AdminPassword } });
        return response["signIn.accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException("Admin sign-in failed: " + response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM first: a graceful stop releases the node's ownership of messages and agents.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(); }
        }
        process.Dispose();
        Client.Http.Dispose();
    }
}
