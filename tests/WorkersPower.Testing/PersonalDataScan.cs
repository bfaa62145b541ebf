using System.Text;
using System.Text.Json;
using Npgsql;

namespace WorkersPower.Testing;

/// <summary>
/// Searches a whole database for a person's data: every schema, every text, varchar, char, json, jsonb,
/// tsvector and bytea column of every table (bytea read as UTF-8, which is how Wolverine stores message
/// bodies), case-insensitively, for each string as written and as a JSON serializer escapes it ("+" as
/// "\u002B"). Any module's erasure test calls it after an erasure: nothing may be found, and there is no
/// list of exceptions.
/// </summary>
public static class PersonalDataScan
{
    /// <summary>Where one of the strings was found.</summary>
    public sealed record Finding(string Table, string Column, string Needle, string Excerpt)
    {
        public override string ToString() => $"{Table}.{Column} holds '{Needle}': …{Excerpt}…";
    }

    private const string Columns = """
        select c.table_schema, c.table_name, c.column_name, c.data_type
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema not in ('pg_catalog', 'information_schema') and c.table_schema not like 'pg\_%'
          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'tsvector'))
        order by 1, 2, 3
        """;

    /// <summary>Every place the strings are found now.</summary>
    public static async Task<IReadOnlyList<Finding>> FindAsync(string connectionString, IEnumerable<string> needles)
    {
        var forms = needles.Where(n => !string.IsNullOrWhiteSpace(n))
            .SelectMany(n => new[] { (n, n), (n, JsonEncodedText.Encode(n).Value) })
            .Distinct().ToList();
        if (forms.Count == 0) throw new ArgumentException("Nothing to look for.", nameof(needles));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new Dictionary<string, List<(string Column, string Type)>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(Columns, connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var table = $"\"{reader.GetString(0)}\".\"{reader.GetString(1)}\"";
                if (!tables.TryGetValue(table, out var list)) tables[table] = list = [];
                list.Add((reader.GetString(2), reader.GetString(3)));
            }

        var findings = new List<Finding>();
        foreach (var (table, columns) in tables)
        {
            var select = string.Join(", ", columns.Select(c => c.Type == "bytea" ? $"\"{c.Column}\"" : $"\"{c.Column}\"::text"));
            await using var command = new NpgsqlCommand($"select {select} from {table}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < columns.Count; i++)
                {
                    if (reader.IsDBNull(i)) continue;
                    var text = columns[i].Type == "bytea" ? Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(i)) : reader.GetString(i);
                    foreach (var (needle, form) in forms)
                    {
                        var at = text.IndexOf(form, StringComparison.OrdinalIgnoreCase);
                        if (at < 0) continue;
                        var from = Math.Max(0, at - 40);
                        findings.Add(new Finding(table, columns[i].Column, needle, text.Substring(from, Math.Min(text.Length - from, form.Length + 80))));
                    }
                }
        }
        return findings;
    }

    /// <summary>
    /// Waits (erasure finishes through messages: other modules, masking of stored events) until none of the
    /// strings is found anywhere, and fails listing every place that still holds one.
    /// </summary>
    public static async Task ShouldHoldNoneAsync(string connectionString, IEnumerable<string> needles, TimeSpan? timeout = null)
    {
        var list = needles.ToList();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var findings = await FindAsync(connectionString, list);
            if (findings.Count == 0) return;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"The database still holds the erased person's data in {findings.Count} places:\n" +
                    string.Join("\n", findings.Select(f => f.ToString())));
            await Task.Delay(250);
        }
    }
}
