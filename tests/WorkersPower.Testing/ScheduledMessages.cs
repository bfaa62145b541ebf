using Npgsql;

namespace WorkersPower.Testing;

/// <summary>Reads Wolverine's durable envelope tables, wherever a module's store keeps them.</summary>
public static class ScheduledMessages
{
    /// <summary>How many messages whose type name contains <paramref name="typeName"/> wait, scheduled, in the database.</summary>
    public static async Task<long> CountAsync(string connectionString, string typeName, params string[] schemas)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long scheduled = 0;
        foreach (var schema in schemas.Append("wolverine").Distinct())
        {
            await using var exists = new NpgsqlCommand($"select to_regclass('{schema}.wolverine_incoming_envelopes') is not null", connection);
            if (!(bool)(await exists.ExecuteScalarAsync())!) continue;
            await using var command = new NpgsqlCommand($"select count(*) from {schema}.wolverine_incoming_envelopes where message_type like @type and status = 'Scheduled'", connection);
            command.Parameters.AddWithValue("type", $"%{typeName}%");
            scheduled += (long)(await command.ExecuteScalarAsync())!;
        }
        return scheduled;
    }
}
