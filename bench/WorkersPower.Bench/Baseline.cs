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
        app.MapPost("/sign-up/{actionId:guid}/{memberId:guid}", (Guid actionId, Guid memberId, HttpContext http) => SignUpAsync(dataSource, actionId, memberId, http));
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

    // The sign-up baseline (scenario 4's): the same rules and the same rows as signUpForAction, in one transaction
    // and two round trips (a batch reading the action with its stream row locked and Campaigns' copy of the member,
    // then a batch writing the event, the stream's version, the action's counters and sign-up list, the campaign's
    // progress, the participant and the action's sign-up entry), then the commit. No token check, no GraphQL.
    private const string SignUpReadSql = """
        select s.version, a.data->>'Status', (a.data->>'StartsAt')::timestamptz, (a.data->>'Capacity')::int, (a.data->>'SignUpCount')::int,
          a.data->'SignedUp' ? $2::text, (a.data->>'CampaignId')::uuid
        from campaigns.mt_streams s join campaigns.mt_doc_campaignaction a on a.id = s.id
        where s.id = $1 for update of s
        """;

    private const string MemberReadSql = "select data->>'Standing', coalesce((data->>'Erased')::boolean, false) from campaigns.mt_doc_campaignmember where id = $1";

    private const string EventType = "signed_up_for_action";
    private static readonly string EventDotNetType = $"{typeof(WorkersPower.Campaigns.Actions.SignedUpForAction).FullName}, {typeof(WorkersPower.Campaigns.Actions.SignedUpForAction).Assembly.GetName().Name}";
    private static readonly string ParticipantDotNetType = $"{typeof(WorkersPower.Campaigns.Campaigns.CampaignParticipant).FullName}, {typeof(WorkersPower.Campaigns.Campaigns.CampaignParticipant).Assembly.GetName().Name}";
    private static readonly string SignUpDotNetType = $"{typeof(WorkersPower.Campaigns.SignUps.ActionSignUp).FullName}, {typeof(WorkersPower.Campaigns.SignUps.ActionSignUp).Assembly.GetName().Name}";

    private static async Task SignUpAsync(NpgsqlDataSource dataSource, Guid actionId, Guid memberId, HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var now = DateTimeOffset.UtcNow;
        long version;
        string status;
        DateTimeOffset startsAt;
        int? capacity;
        int count;
        bool already;
        Guid campaignId;
        string? standing = null;
        var erased = false;
        await using (var read = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(SignUpReadSql) { Parameters = { new() { Value = actionId }, new() { Value = memberId } } },
                new NpgsqlBatchCommand(MemberReadSql) { Parameters = { new() { Value = memberId } } },
            },
        })
        await using (var row = await read.ExecuteReaderAsync(ct))
        {
            if (!await row.ReadAsync(ct))
            {
                await WriteSignUpAnswerAsync(http, null, "NOT_FOUND", "There is no such action.");
                return;
            }
            version = row.GetInt64(0);
            status = row.GetString(1);
            startsAt = row.GetFieldValue<DateTimeOffset>(2);
            capacity = row.IsDBNull(3) ? null : row.GetInt32(3);
            count = row.IsDBNull(4) ? 0 : row.GetInt32(4);
            already = row.GetBoolean(5);
            campaignId = row.GetGuid(6);
            await row.NextResultAsync(ct);
            if (await row.ReadAsync(ct))
            {
                standing = row.IsDBNull(0) ? null : row.GetString(0);
                erased = row.GetBoolean(1);
            }
        }
        // the rules of SignUpForAction.Decide, in its order
        if (status == "Cancelled") { await WriteSignUpAnswerAsync(http, null, "INVALID_STATE", "The action is cancelled."); return; }
        if (startsAt <= now) { await WriteSignUpAnswerAsync(http, null, "INVALID_STATE", "The action has started or is over: sign-ups are closed."); return; }
        if (already) { await WriteSignUpAnswerAsync(http, count, null, null); return; }
        if (erased || standing is "Suspended" or "Resigned") { await WriteSignUpAnswerAsync(http, null, "INVALID_STATE", "Only members in good standing can sign up."); return; }
        if (capacity is { } c && count >= c) { await WriteSignUpAnswerAsync(http, null, "FULL", "The action is full."); return; }

        var next = version + 1;
        var member = memberId.ToString();
        var eventData = JsonSerializer.Serialize(new WorkersPower.Campaigns.Actions.SignedUpForAction(actionId, campaignId, memberId, now));
        var entryId = WorkersPower.Campaigns.SignUps.ActionSignUp.IdOf(actionId, memberId);
        var sortKey = WorkersPower.Campaigns.SignUps.ActionSignUp.SortKeyOf(now, memberId);
        var entry = JsonSerializer.Serialize(new { Id = entryId, ActionId = actionId, CampaignId = campaignId, MemberId = memberId, Status = "SignedUp", SignedUpAt = now, SortKey = sortKey });
        var participantId = WorkersPower.Campaigns.Campaigns.CampaignParticipant.IdOf(campaignId, memberId);
        var participant = JsonSerializer.Serialize(new { Id = participantId, CampaignId = campaignId, MemberId = memberId });
        await using (var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("""
                    insert into campaigns.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
                    values (nextval('campaigns.mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, $6, '*DEFAULT*', $7, false)
                    """) { Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = actionId }, new() { Value = next }, new() { Value = eventData }, new() { Value = EventType }, new() { Value = now }, new() { Value = EventDotNetType } } },
                new NpgsqlBatchCommand("update campaigns.mt_streams set version = $2, timestamp = $3 where id = $1") { Parameters = { new() { Value = actionId }, new() { Value = next }, new() { Value = now } } },
                new NpgsqlBatchCommand("""
                    update campaigns.mt_doc_campaignaction
                    set data = jsonb_set(jsonb_set(jsonb_set(data, '{SignedUp}', coalesce(data->'SignedUp', '[]'::jsonb) || to_jsonb($2::text)),
                          '{Withdrawn}', coalesce(data->'Withdrawn', '[]'::jsonb) - $2::text), '{SignUpCount}', to_jsonb($3::int)),
                        mt_version = $4, mt_last_modified = transaction_timestamp()
                    where id = $1
                    """) { Parameters = { new() { Value = actionId }, new() { Value = member }, new() { Value = count + 1 }, new() { Value = next } } },
                new NpgsqlBatchCommand("""
                    update campaigns.mt_doc_campaignprogress
                    set data = jsonb_set(data, '{SignUps}', to_jsonb(coalesce((data->>'SignUps')::int, 0) + 1)), mt_last_modified = transaction_timestamp()
                    where id = $1
                    """) { Parameters = { new() { Value = campaignId } } },
                new NpgsqlBatchCommand("""
                    insert into campaigns.mt_doc_campaignparticipant (id, data, mt_dotnet_type, mt_last_modified, campaign_id)
                    values ($1, $2::jsonb, $3, transaction_timestamp(), $4)
                    on conflict (id) do update set data = excluded.data, mt_last_modified = excluded.mt_last_modified
                    """) { Parameters = { new() { Value = participantId }, new() { Value = participant }, new() { Value = ParticipantDotNetType }, new() { Value = campaignId } } },
                new NpgsqlBatchCommand("""
                    insert into campaigns.mt_doc_actionsignup (id, data, mt_dotnet_type, mt_version, mt_last_modified, action_id, member_id, campaign_id, sort_key)
                    values ($1, $2::jsonb, $3, 1, transaction_timestamp(), $4, $5, $6, $7)
                    on conflict (id) do update set data = excluded.data, mt_version = campaigns.mt_doc_actionsignup.mt_version + 1, mt_last_modified = excluded.mt_last_modified, sort_key = excluded.sort_key
                    """) { Parameters = { new() { Value = entryId }, new() { Value = entry }, new() { Value = SignUpDotNetType }, new() { Value = actionId }, new() { Value = memberId }, new() { Value = campaignId }, new() { Value = sortKey } } },
            },
        })
            await write.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        await WriteSignUpAnswerAsync(http, count + 1, null, null);
    }

    /// <summary>signUpForAction's answer to <c>{ action { signUpCount } errors { code message } }</c>.</summary>
    private static async Task WriteSignUpAnswerAsync(HttpContext http, int? signUpCount, string? code, string? message)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartObject("data");
        json.WriteStartObject("signUpForAction");
        if (signUpCount is { } n)
        {
            json.WriteStartObject("action");
            json.WriteNumber("signUpCount", n);
            json.WriteEndObject();
        }
        else json.WriteNull("action");
        json.WriteStartArray("errors");
        if (code is not null)
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(http.RequestAborted);
    }
}
