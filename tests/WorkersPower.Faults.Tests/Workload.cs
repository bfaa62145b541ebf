using System.Net;
using Npgsql;
using WorkersPower.Testing;

namespace WorkersPower.Faults.Tests;

/// <summary>The work the fault tests run while they break things, and the database counts they check after.</summary>
internal static class Workload
{
    /// <summary>Where Wolverine's tables may be (today all in <c>wolverine</c>; the counts skip schemas without them).</summary>
    internal static readonly string[] Schemas = ["wolverine", "membership", "campaigns", "content"];

    internal static Task Loop(Func<Task> step, CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try { await step(); }
            catch (HttpRequestException) { } // the host was killed mid-request: that request was never acknowledged
            catch (TaskCanceledException) { }
        }
    });

    internal static async Task<bool> Succeeded(GraphQLClient client, string field, string mutation, string actionId, string token)
    {
        var response = await client.PostAsync(mutation, new { input = new { actionId } }, token);
        return response.Errors is null && response.Data?[field]?["errors"]?.AsArray().Count == 0;
    }

    internal static async Task<string?> ScheduleAsync(GraphQLClient client, string admin, string campaignId, DateTimeOffset? startsAt = null)
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddDays(3);
        var response = await client.PostAsync(
            "mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code } } }",
            new { input = new { campaignId, kind = "PICKET", title = "Picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate" } }, admin);
        return response.Errors is null ? response["scheduleAction.action.id"]?.GetValue<string>() : null;
    }

    /// <summary>A member who joined, activated their account and holds an access token.</summary>
    internal static async Task<string> JoinAsync(GraphQLClient client, string admin, string branch)
    {
        var applicationId = await MembershipApi.ApplyAsync(client, MembershipApi.UniqueEmail("kill-member"));
        var (_, invitation) = await MembershipApi.ApproveAsync(client, admin, applicationId, branch);
        var activated = await client.DataAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = "a long enough passphrase" } });
        return activated["activateAccount"]!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Runs a count in every schema that has the table ({0} is the schema), or once when there is no {0}.</summary>
    internal static async Task<long> CountAsync(string connectionString, string sql, Guid[]? ids = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long total = 0;
        foreach (var schema in sql.Contains("{0}", StringComparison.Ordinal) ? Schemas : [""])
        {
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, schema);
            var table = text.Split(" from ", 2)[1].Split(' ', 2)[0];
            await using (var exists = new NpgsqlCommand($"select to_regclass('{table}') is not null", connection))
                if (!(bool)(await exists.ExecuteScalarAsync())!) continue;
            await using var command = new NpgsqlCommand(text, connection);
            if (ids is not null) command.Parameters.AddWithValue("ids", ids);
            total += (long)(await command.ExecuteScalarAsync())!;
        }
        return total;
    }

    /// <summary>
    /// How many Campaigns events the CampaignDay projection has yet to process. Its progress may pass the last
    /// stored event: sequence numbers taken by transactions the kill cut off are never stored, and the daemon
    /// steps over such gaps.
    /// </summary>
    internal static async Task<long> ProjectionBehindAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select greatest(0, coalesce((select max(seq_id) from campaigns.mt_events), 0) - " +
            "coalesce((select last_seq_id from campaigns.mt_event_progression where name like 'CampaignDay%'), 0))", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ids of <paramref name="ids"/> the API cannot find, asked for a hundred at a time.</summary>
    internal static async Task<List<string>> MissingAsync(GraphQLClient client, string adminToken, IReadOnlyList<string> ids)
    {
        var missing = new List<string>();
        foreach (var chunk in ids.Chunk(100))
        {
            var response = await client.PostAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = chunk }, adminToken);
            response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
            response.ShouldSucceed();
            var found = response.Data!["nodes"]!.AsArray();
            for (var i = 0; i < chunk.Length; i++)
                if (found[i] is null) missing.Add(chunk[i]);
        }
        return missing;
    }
}
