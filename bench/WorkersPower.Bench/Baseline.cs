using System.Globalization;
using System.Text.Json;
using Npgsql;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Bench;

/// <summary>
/// The baseline for the public campaign page: a minimal ASP.NET Core endpoint that reads the same data as
/// the persisted CampaignPage query with plain Npgsql (two round trips: the campaign with its progress, then
/// the count and first 20 upcoming actions in one batch) and writes the same JSON as the GraphQL answer.
/// It has no authentication, no GraphQL parsing or validation and no document mapping: it is the ceiling
/// the GraphQL scenarios are measured against.
/// </summary>
internal static class Baseline
{
    public static async Task<int> RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var connectionString = builder.Configuration.GetConnectionString("Postgres") ?? throw new InvalidOperationException("ConnectionStrings__Postgres is not set.");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var app = builder.Build();
        app.MapGet("/campaign-page/{slug}", (string slug, HttpContext http) => WriteCampaignPageAsync(dataSource, slug, http));
        await app.RunAsync();
        return 0;
    }

    private const string CampaignSql = """
        select c.id, c.data->>'Slug', c.data->>'Title', c.data->>'Summary', (c.data->>'Goal')::int, c.data->>'Status',
          coalesce((p.data->>'ActionsScheduled')::int, 0), coalesce((p.data->>'SignUps')::int, 0), coalesce((p.data->>'Attendances')::int, 0),
          (select count(*) from campaigns.mt_doc_campaignparticipant cp where cp.campaign_id = c.id)::int
        from campaigns.mt_doc_campaign c left join campaigns.mt_doc_campaignprogress p on p.id = c.id
        where c.data->>'Slug' = $1
        """;

    private const string UpcomingFilter = "campaign_id = $1 and starts_at > $2 and status = 'Scheduled'";

    private static async Task WriteCampaignPageAsync(NpgsqlDataSource dataSource, string slug, HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartObject("data");

        Guid id;
        int? goal;
        await using (var command = new NpgsqlCommand(CampaignSql, connection) { Parameters = { new() { Value = slug } } })
        await using (var row = await command.ExecuteReaderAsync(ct))
        {
            if (!await row.ReadAsync(ct))
            {
                json.WriteNull("campaign");
                json.WriteEndObject();
                json.WriteEndObject();
                await json.FlushAsync(ct);
                return;
            }
            id = row.GetGuid(0);
            goal = row.IsDBNull(4) ? null : row.GetInt32(4);
            json.WriteStartObject("campaign");
            json.WriteString("id", GlobalId.Encode("Campaign", id));
            json.WriteString("slug", row.GetString(1));
            json.WriteString("title", row.GetString(2));
            json.WriteString("summary", row.GetString(3));
            WriteNullableInt(json, "goal", goal);
            json.WriteString("status", row.GetString(5).ToUpperInvariant());
            json.WriteStartObject("progress");
            json.WriteNumber("actionsScheduled", row.GetInt32(6));
            json.WriteNumber("signUps", row.GetInt32(7));
            json.WriteNumber("attendances", row.GetInt32(8));
            json.WriteNumber("participants", row.GetInt32(9));
            WriteNullableInt(json, "goal", goal);
            json.WriteEndObject();
        }

        var now = DateTimeOffset.UtcNow;
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"select count(*)::int from campaigns.mt_doc_campaignaction where {UpcomingFilter}") { Parameters = { new() { Value = id }, new() { Value = now } } },
                new NpgsqlBatchCommand($"""
                    select id, data->>'Kind', data->>'Title', data->>'StartsAt', data->>'EndsAt', data->>'Location', (data->>'Capacity')::int, (data->>'SignUpCount')::int
                    from campaigns.mt_doc_campaignaction where {UpcomingFilter} order by sort_key limit 20
                    """) { Parameters = { new() { Value = id }, new() { Value = now } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        json.WriteStartObject("actions");
        json.WriteNumber("totalCount", reader.GetInt32(0));
        await reader.NextResultAsync(ct);
        json.WriteStartArray("nodes");
        while (await reader.ReadAsync(ct))
        {
            int? capacity = reader.IsDBNull(6) ? null : reader.GetInt32(6);
            var signUps = reader.GetInt32(7);
            json.WriteStartObject();
            json.WriteString("id", GlobalId.Encode("CampaignAction", reader.GetGuid(0)));
            json.WriteString("kind", reader.GetString(1).ToUpperInvariant());
            json.WriteString("title", reader.GetString(2));
            json.WriteString("startsAt", DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture));
            json.WriteString("endsAt", DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture));
            json.WriteString("location", reader.GetString(5));
            WriteNullableInt(json, "capacity", capacity);
            WriteNullableInt(json, "placesLeft", capacity is { } c ? Math.Max(0, c - signUps) : null);
            json.WriteNumber("signUpCount", signUps);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteNullableInt(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v) json.WriteNumber(name, v);
        else json.WriteNull(name);
    }
}
