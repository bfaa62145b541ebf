using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// The PostgreSQL server the tests run against (WP_TEST_POSTGRES, set by build/test.sh), and a fresh
/// database on it for each fixture (a copy of <see cref="SchemaTemplate"/> for a fixture's host).
/// </summary>
public static class TestPostgres
{
    public const string Variable = "WP_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with build/test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {Variable} to a connection string of a server where databases may be created.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static Task<string> CreateDatabaseAsync(string purpose) => CreateAsync(purpose, template: null);

    /// <summary>
    /// Creates a database that already holds the host's schema, without rows (a copy of <see cref="SchemaTemplate"/>),
    /// and returns its connection string: a host starts on it as on an empty one, only faster.
    /// </summary>
    public static async Task<string> CreateHostDatabaseAsync(string purpose) => await CreateAsync(purpose, await SchemaTemplate.NameAsync());

    private static async Task<string> CreateAsync(string purpose, string? template)
    {
        var name = $"wp_{Guid.NewGuid():N}_{Sanitise(purpose)}";
        await ExecuteAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Runs a statement on the server's maintenance database.</summary>
    internal static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A count (or any integer) read from the database with this connection string.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Only this database's own pool: clearing every pool would close the idle connections of other fixtures'
        // hosts running in parallel (a test that cuts a pooled connection on purpose then finds none to cut).
        // The hosts' other pools on this database are closed by the server with the drop.
        await using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string Sanitise(string purpose)
    {
        var chars = purpose.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')).Take(20).ToArray();
        return new string(chars);
    }
}
