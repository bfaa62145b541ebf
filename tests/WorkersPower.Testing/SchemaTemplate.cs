using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// A database holding every table, index and function the host creates as it starts, and no rows: built once
/// per test process by starting the real host on an empty database and emptying what it wrote, then copied
/// (CREATE DATABASE … TEMPLATE) for each fixture, whose host then takes the schema as it is
/// (<c>Database:ApplySchemaOnStartup=false</c>, see <see cref="PlatformFactory"/>). Other hosts a test starts on such a copy (a second node, a restart) compare
/// the schema with their configuration as on any start, and find nothing to do.
/// </summary>
internal static class SchemaTemplate
{
    private static readonly Lazy<Task<string>> Name = new(BuildAsync);

    public static Task<string> NameAsync() => Name.Value;

    private const string Prefix = "wp_template_";

    private static async Task<string> BuildAsync()
    {
        await DropAbandonedAsync();
        var name = $"{Prefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}";
        await TestPostgres.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Drop(name);
        var connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Database = name }.ConnectionString;
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Postgres"] = connectionString,
                ["Auth:SigningKey"] = PlatformFixture.SigningKey,
                ["Demo:Seed"] = "false",
            };
            await using (var host = new PlatformFactory(settings, null, null))
            {
                _ = host.Services; // starts the host: Marten and Wolverine create their schemas
            }
            await EmptyAsync(connectionString);
            // No session may be connected to a template while it is copied: let none in from now on.
            await TestPostgres.ExecuteAsync(
                $"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false; " +
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid();");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The host could not create its schema in the template database {name}: {e.Message}", e);
        }
        return name;
    }

    /// <summary>Deletes every row the start wrote (the bootstrap, Wolverine's node records, …) and restarts every sequence.</summary>
    private static async Task EmptyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        const string Own = "NOT IN ('pg_catalog', 'information_schema') AND {0} NOT LIKE 'pg_toast%'";
        var tables = await NamesAsync(connection, $"SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname {string.Format(Own, "schemaname")}");
        var sequences = await NamesAsync(connection, $"SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences WHERE schemaname {string.Format(Own, "schemaname")}");
        var sql = (tables.Count > 0 ? $"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE; " : "")
            + string.Concat(sequences.Select(s => $"ALTER SEQUENCE {s} RESTART; "));
        if (sql.Length == 0) return;
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        var names = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>
    /// Templates a test process left behind when it was killed before its exit handler ran (its name says when it
    /// was made; no test process runs for hours).
    /// </summary>
    private static async Task DropAbandonedAsync()
    {
        var names = new List<string>();
        await using (var connection = new NpgsqlConnection(TestPostgres.ServerConnectionString))
        {
            await connection.OpenAsync();
            names = await NamesAsync(connection, $"SELECT datname FROM pg_database WHERE starts_with(datname, '{Prefix}')");
        }
        var before = DateTimeOffset.UtcNow.AddHours(-6).ToUnixTimeSeconds();
        foreach (var name in names)
            if (long.TryParse(name[Prefix.Length..].Split('_')[0], out var made) && made < before) Drop(name);
    }

    private static void Drop(string name)
    {
        try
        {
            TestPostgres.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Could not drop the template database {name}: {e.Message}");
        }
    }
}
