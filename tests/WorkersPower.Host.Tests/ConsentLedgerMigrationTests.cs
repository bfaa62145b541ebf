using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// Issue 22's consent migration on a database made by main before the ledger (the committed dump,
/// tests/WorkersPower.Membership.Tests/Migration): restored into a fresh database, the host starts on it, today's consent
/// booleans become ledger entries (source MIGRATION, one per channel and member, at the member's last known change), the
/// finished migration is marked, and a second start adds nothing.
/// </summary>
public sealed class ConsentLedgerMigrationTests
{
    /// <summary>Mo, who changed their preferences on their profile in the dump (email on, SMS on, post off, at this time).</summary>
    private static readonly Guid Mo = Guid.Parse("01a226b9-87a2-7cc2-81be-557290d5d072");
    private static readonly DateTimeOffset MoChangedAt = DateTimeOffset.Parse("2026-11-29T09:54:24.562317+00:00", CultureInfo.InvariantCulture);

    private const string MigrationEntries = "select count(*) from membership.mt_events where type = 'consent_changed' and data ->> 'Source' = 'Migration'";

    [Fact]
    public async Task Todays_consent_booleans_become_one_ledger_entry_per_channel_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync("consentledgermigration");
        try
        {
            await CommittedDump.RestoreAsync(database);
            var members = await TestPostgres.ScalarAsync(database, "select count(*) from membership.mt_doc_memberprofile where erased = false");
            members.ShouldBeGreaterThan(10);

            await StartHostAsync(database);
            (await TestPostgres.ScalarAsync(database, MigrationEntries)).ShouldBe(members * 4); // contact, email, SMS, post
            (await TestPostgres.ScalarAsync(database, "select count(*) from membership.mt_doc_memberledger where jsonb_array_length(data -> 'Consents') = 4")).ShouldBe(members);

            // Mo's entries are as Mo left the preferences, at Mo's change; consent to contact at Mo's join
            var mo = await EntriesAsync(database, Mo);
            mo.Single(e => e.Channel == "Email").ShouldBe(("Email", true, MoChangedAt));
            mo.Single(e => e.Channel == "Sms").ShouldBe(("Sms", true, MoChangedAt));
            mo.Single(e => e.Channel == "Post").ShouldBe(("Post", false, MoChangedAt));
            var contact = mo.Single(e => e.Channel == "Contact");
            contact.Given.ShouldBeTrue();
            contact.At.ShouldBeLessThan(MoChangedAt);
            // the member reads the same state as before: communicationPreferences did not move
            (await TestPostgres.ScalarAsync(database, $"select count(*) from membership.mt_doc_memberprofile where id = '{Mo}' and data -> 'Communication' ->> 'Sms' = 'true'")).ShouldBe(1);

            // someone else: email on (the default), SMS and post off, at their join
            var other = await TestPostgres.ScalarAsync(database,
                "select count(*) from membership.mt_events e join membership.mt_doc_memberprofile p on p.id = e.stream_id " +
                $"where e.type = 'consent_changed' and p.id <> '{Mo}' and e.data ->> 'Channel' = 'Email' and e.data ->> 'Given' = 'true'");
            other.ShouldBe(members - 1);

            // the finished migration's mark: later starts read it instead of looking at every member
            (await TestPostgres.ScalarAsync(database, "select rows from membership.projection_builds where name = 'consent_ledger_migration:1'")).ShouldBe(members);

            await StartHostAsync(database);
            (await TestPostgres.ScalarAsync(database, MigrationEntries)).ShouldBe(members * 4); // nothing added
            (await EntriesAsync(database, Mo)).Count.ShouldBe(4);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>Starts the host on the database (its start-up runs the migration), answers one request, stops it.</summary>
    private static async Task StartHostAsync(string database)
    {
        await using var factory = new PlatformFactory(PlatformFixture.HostSettings(database), null, null);
        var client = new GraphQLClient(factory.CreateClient());
        (await client.DataAsync("{ branches { id } }"))["branches"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    private static async Task<List<(string Channel, bool Given, DateTimeOffset At)>> EntriesAsync(string database, Guid memberId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data ->> 'Channel', (data ->> 'Given')::boolean, (data ->> 'At')::timestamptz from membership.mt_events where stream_id = @id and type = 'consent_changed' order by version", connection);
        command.Parameters.AddWithValue("id", memberId);
        var entries = new List<(string, bool, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) entries.Add((reader.GetString(0), reader.GetBoolean(1), new DateTimeOffset(reader.GetDateTime(2).ToUniversalTime())));
        return entries;
    }


}
