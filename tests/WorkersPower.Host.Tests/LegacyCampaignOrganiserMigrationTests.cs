using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkersPower.Campaigns;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Membership;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Grants;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The migration of who ran each campaign before grants (Campaigns' start-up step), on the committed dump of the
/// database today's main made (tests/WorkersPower.Membership.Tests/Migration, see its README): restored into a fresh
/// database, the host started on it grants CAMPAIGN_ORGANISER to each campaign's launcher and schedulers who hold
/// ORGANISER or ADMIN, the grants work, and a second start adds nothing.
/// </summary>
public sealed class LegacyCampaignOrganiserMigrationTests
{
    private const string Olu = "organiser@demo.workerspower.org", OluPassword = "olu-demo-pass-2026";
    private const string Ada = "admin@demo.workerspower.org";

    [Fact]
    public async Task Launchers_and_schedulers_who_organise_get_CAMPAIGN_ORGANISER_on_their_campaigns_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync("campaignorganisermigration");
        try
        {
            await CommittedDump.RestoreAsync(database);

            IReadOnlyList<(Guid Member, Guid Campaign)> granted;
            DateTimeOffset recordedAt;
            await using (var host = Start(database))
            {
                var members = await MembersAsync(host, Olu, Ada);
                var campaigns = await CampaignsAsync(host);
                // the demo's three campaigns and the seed's, all launched by Olu; the seed's has an action Ada (ADMIN) scheduled
                campaigns.Keys.ShouldBe(["migration-check-campaign", "palestine", "rank-and-file", "stop-the-far-right"], ignoreOrder: true);
                var expected = campaigns.Values.Select(c => (members[Olu], c))
                    .Append((members[Ada], campaigns["migration-check-campaign"])).ToList();

                granted = await WaitForGrantsAsync(host, expected.Count);
                granted.ShouldBe(expected, ignoreOrder: true);
                var grants = await GrantsAsync(host);
                grants.ShouldAllBe(g => g.Until == null && g.GrantedBy == Guid.Empty && g.RevokedAt == null
                    && g.Reason == CampaignOrganiserGrants.MigrationReason && g.Id == CampaignOrganiserGrant.IdOf(g.MemberId, g.Scope.CampaignId!.Value));
                var step = await StepAsync(host) ?? throw new ShouldAssertException("The step is not recorded.");
                step.Sent.ShouldBe(expected.Count);
                recordedAt = step.At;

                // the grants work: Olu, signed in again, runs the seed's campaign (and an organiser of nothing more)
                var client = new GraphQLClient(host.CreateClient());
                var token = (await client.DataAsync("mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }",
                    new { input = new { email = Olu, password = OluPassword } }))["signIn"]!["accessToken"]!.GetValue<string>();
                var runs = await client.DataAsync("query { campaign(slug: \"migration-check-campaign\") { viewerOrganises organisers { displayName } } }", token: token);
                runs["campaign"]!["viewerOrganises"]!.GetValue<bool>().ShouldBeTrue();
                runs["campaign"]!["organisers"]!.AsArray().Select(o => o!["displayName"]!.GetValue<string>()).ShouldBe(["Olu Organiser", "Ada Admin"], ignoreOrder: true);
            }

            // a second start: the step is recorded, nothing is sent, nothing granted
            await using (var again = Start(database))
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                (await GrantsAsync(again)).Select(g => (g.MemberId, g.Scope.CampaignId!.Value)).ShouldBe(granted, ignoreOrder: true);
                (await StepAsync(again))!.At.ShouldBe(recordedAt);
            }
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static PlatformFactory Start(string database)
    {
        var host = new PlatformFactory(PlatformFixture.HostSettings(database), null, null);
        _ = host.Services; // starts it: the start-up steps run as it starts
        return host;
    }


    private static async Task<Dictionary<string, Guid>> MembersAsync(PlatformFactory host, params string[] emails)
    {
        await using var session = host.Services.GetRequiredService<IMembershipStore>().QuerySession();
        var accounts = await session.Query<Account>().Where(a => emails.Contains(a.Email)).ToListAsync();
        return accounts.ToDictionary(a => a.Email, a => a.MemberId!.Value);
    }

    private static async Task<Dictionary<string, Guid>> CampaignsAsync(PlatformFactory host)
    {
        await using var session = host.Services.GetRequiredService<ICampaignsStore>().QuerySession();
        return (await session.Query<Campaign>().ToListAsync()).ToDictionary(c => c.Slug, c => c.Id);
    }

    private static async Task<IReadOnlyList<RoleGrant>> GrantsAsync(PlatformFactory host)
    {
        await using var session = host.Services.GetRequiredService<IMembershipStore>().QuerySession();
        return (await session.Query<RoleGrant>().ToListAsync()).Where(g => g.Role == GrantRoles.CampaignOrganiser).ToList();
    }

    private static async Task<CampaignsStartupStep?> StepAsync(PlatformFactory host)
    {
        await using var session = host.Services.GetRequiredService<ICampaignsStore>().QuerySession();
        return await session.LoadAsync<CampaignsStartupStep>(MigrateCampaignOrganisers.StepName);
    }

    /// <summary>The grants, once as many as expected are in (the messages are handled moments after the start), or after 30 seconds.</summary>
    private static async Task<IReadOnlyList<(Guid Member, Guid Campaign)>> WaitForGrantsAsync(PlatformFactory host, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var grants = (await GrantsAsync(host)).Select(g => (g.MemberId, g.Scope.CampaignId!.Value)).ToList();
            if (grants.Count >= expected || DateTime.UtcNow > deadline) return grants;
            await Task.Delay(100);
        }
    }
}
