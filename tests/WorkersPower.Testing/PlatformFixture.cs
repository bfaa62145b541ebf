using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace WorkersPower.Testing;

/// <summary>
/// One running host on its own fresh database (with the schema, no rows), shared by the tests of a class (IClassFixture).
/// Subclass it to change settings or services for a class of tests.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-for-workers-power-0123456789abcdef";
    public const string Issuer = "workers-power";
    public const string Audience = "workers-power-api";
    public const string AdminEmail = "bootstrap-admin@test.workerspower.org";
    public const string AdminPassword = "Bootstrap admin pass 2026";

    private readonly ConcurrentDictionary<(string, string), string> tokens = new();
    private PlatformFactory? factory;

    public string ConnectionString { get; private set; } = "";

    public CapturedLogs Logs { get; } = new();

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The fixture has not started.");

    public IServiceProvider Services => Factory.Services;

    public GraphQLClient Client { get; private set; } = null!;

    /// <summary>
    /// The least a host needs on a database of a test's own (a dump restored, an empty one, a second start): the
    /// connection, the tests' token settings, no demo data. The caller adds what else it needs.
    /// </summary>
    public static Dictionary<string, string?> HostSettings(string connectionString) => new()
    {
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Demo:Seed"] = "false",
    };

    /// <summary>Settings for the host; override to change or add some (call the base first).</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionStrings:Postgres"] = ConnectionString,
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Bootstrap:AdminEmail"] = AdminEmail,
        ["Bootstrap:AdminPassword"] = AdminPassword,
        ["Demo:Seed"] = "false",
        // every test client shares one address: keep the per-address limits out of the way of other tests
        ["Membership:Applications:PermitLimit"] = "100000",
        ["Membership:PasswordReset:PermitLimit"] = "100000",
        ["Membership:SignIn:MaxFailuresPerAddress"] = "100000",
    };

    /// <summary>Service changes for the host (e.g. a probe message handler); override to add some.</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>
    /// True to serve on a real loopback port (Kestrel) as well as in memory, for clients outside the
    /// process; <see cref="ServerAddress"/> then holds the address.
    /// </summary>
    protected virtual bool UseRealServer => false;

    /// <summary>The base address of the real server (with <see cref="UseRealServer"/>).</summary>
    public Uri? ServerAddress { get; private set; }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateHostDatabaseAsync(GetType().Name);
        factory = new PlatformFactory(Settings(), ConfigureServices, Logs, trustedSchema: true);
        if (UseRealServer)
        {
            factory.UseKestrel(0);
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            ServerAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
        Client = new GraphQLClient(factory.CreateClient());
    }

    public virtual async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        if (ConnectionString.Length > 0) await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A new client of the running host (its own cookies and headers).</summary>
    public GraphQLClient NewClient() => new(Factory.CreateClient());

    /// <summary>Signs in and returns the access token (cached per email and password).</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        if (tokens.TryGetValue((email, password), out var cached)) return cached;
        var response = await Client.PostAsync(
            "mutation($input: SignInInput!) { signIn(input: $input) { accessToken errors { code message } } }",
            new { input = new { email, password } });
        response.ShouldSucceed();
        var token = response["signIn.accessToken"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"Sign-in of {email} failed: {response.Body}");
        tokens[(email, password)] = token;
        return token;
    }

    public Task<string> AdminTokenAsync() => SignInAsync(AdminEmail, AdminPassword);

    private string? branchId;

    /// <summary>A branch for tests that do not care which (created once per fixture).</summary>
    public async Task<string> BranchAsync() => branchId ??= await MembershipApi.CreateBranchAsync(Client, await AdminTokenAsync());
}
