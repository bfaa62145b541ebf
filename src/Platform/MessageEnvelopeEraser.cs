using System.Text.Encodings.Web;
using System.Text.Json;
using NpgsqlTypes;

namespace WorkersPower.Platform;

/// <summary>
/// Removes the stored Wolverine envelopes that carry a person's data: inbox (handled or not), outbox and dead
/// letters, in every schema that holds Wolverine's tables (one shared <c>wolverine</c> schema today, a module's
/// own schema where a deployment splits them). Message bodies are JSON in bytea columns, so the search is on
/// bytes, in each way a serializer may write the text (as it is, or JSON-escaped: "+" as "\u002B").
/// </summary>
/// <remarks>
/// An envelope goes when its body or its failure message holds one of the <c>identifying</c> strings (an
/// email: nobody else's message holds it), or holds the subject's id together with one of the <c>personal</c>
/// strings (names, phone numbers, which strangers may share: only messages about the subject are touched).
/// Run it once the subject's erasure committed: nothing carrying their data is sent after that.
/// </remarks>
public sealed class MessageEnvelopeEraser(string connectionString)
{
    private const string FindTables = """
        select table_schema, table_name, bool_or(column_name = 'exception_message' and data_type = 'text') as has_exception
        from information_schema.columns
        where table_name like 'wolverine%' and column_name in ('body', 'exception_message')
          and table_schema not in ('pg_catalog', 'information_schema')
        group by table_schema, table_name
        having bool_or(column_name = 'body' and data_type = 'bytea')
        """;

    /// <summary>Deletes the envelopes about the subject; returns how many went.</summary>
    public async Task<int> EraseAsync(Guid subjectId, IEnumerable<string> identifying, IEnumerable<string> personal, CancellationToken cancellationToken)
    {
        var ids = Forms(identifying);
        var names = Forms(personal);
        if (ids.Length == 0 && names.Length == 0) return 0;
        var subject = Encoding.UTF8.GetBytes(subjectId.ToString("D"));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<(string Schema, string Table, bool HasException)>();
        await using (var find = new NpgsqlCommand(FindTables, connection))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                tables.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));

        var deleted = 0;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (schema, table, hasException) in tables)
        {
            var columns = hasException ? new[] { "body", "convert_to(exception_message, 'UTF8')" } : ["body"];
            string Any(string needles) => string.Join(" or ", columns.Select(c => $"exists (select 1 from unnest({needles}) n where position(n in {c}) > 0)"));
            var subjectNamed = string.Join(" or ", columns.Select(c => $"position(@subject in {c}) > 0"));
            var sql = $"delete from \"{schema}\".\"{table}\" where {Any("@ids")} or (({subjectNamed}) and ({Any("@names")}))";
            await using var delete = new NpgsqlCommand(sql, connection, transaction);
            delete.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = ids });
            delete.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = names });
            delete.Parameters.Add(new NpgsqlParameter("subject", NpgsqlDbType.Bytea) { Value = subject });
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Each string as UTF-8 bytes, as written plain, lower-cased and JSON-escaped (strict and relaxed encoders).</summary>
    public static byte[][] Forms(IEnumerable<string> values)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var v = value?.Trim();
            if (string.IsNullOrEmpty(v) || v.Length < 2) continue;
            forms.Add(v);
            forms.Add(v.ToLowerInvariant());
            forms.Add(JsonEncodedText.Encode(v).Value);
            forms.Add(JsonEncodedText.Encode(v, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value);
            forms.Add(JsonEncodedText.Encode(v.ToLowerInvariant()).Value);
        }
        return forms.Select(Encoding.UTF8.GetBytes).ToArray();
    }
}
