using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The migration of today's roles to grants, on the committed dump of a database made by main before grants
/// (tests/WorkersPower.Membership.Tests/Migration, see its README): restored into a fresh database, the host starts
/// on it, migrates at start-up, answers with the grants; started again, it adds nothing.
/// </summary>
public sealed class LegacyRoleMigrationTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@demo.workerspower.org", AdminPassword = "ada-demo-pass-2026";
    private const string OrganiserEmail = "organiser@demo.workerspower.org", OrganiserPassword = "olu-demo-pass-2026";
    private const string MemberEmail = "member@demo.workerspower.org", MemberPassword = "mo-demo-pass-2026";

    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("legacyroles");
        await CommittedDump.RestoreAsync(connectionString);
    }

    public async Task DisposeAsync()
    {
        if (connectionString.Length > 0) await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private sealed record Granted(string Id, string Role, string Kind, string? Branch, string Member, DateTimeOffset From, string? Reason);

    [Fact]
    public async Task Todays_roles_become_grants_organisers_on_their_own_branch_backdated_and_once()
    {
        var started = DateTimeOffset.UtcNow;
        IReadOnlyList<Granted> grants;
        await using (var host = Start())
        {
            var client = new GraphQLClient(host.CreateClient());
            var admin = await SignInAsync(client, AdminEmail, AdminPassword);
            grants = await GrantsAsync(client, admin);

            // today's organisation-wide roles, as grants (CAMPAIGN_ORGANISER is Campaigns' to migrate: not asserted here)
            grants.Where(g => g.Role != "CAMPAIGN_ORGANISER").Select(g => (g.Member, g.Role, g.Kind, g.Branch)).ShouldBe([
                ("Ada Admin", "ADMIN", "ORGANISATION", null),
                ("Olu Organiser", "ORGANISER", "BRANCH", "North London"),
                ("Grace Adeyemi", "TREASURER", "ORGANISATION", null),
                ("Yusuf Ali", "EDITOR", "ORGANISATION", null),
            ], ignoreOrder: true);
            // Declan was granted ORGANISER and had it revoked: nothing migrates
            grants.ShouldNotContain(g => g.Member == "Declan Byrne");
            grants.ShouldAllBe(g => g.Role == "CAMPAIGN_ORGANISER" || g.Reason!.StartsWith("Migrated from the organisation-wide role of ", StringComparison.Ordinal));
            // a role granted through grantRole starts when it was granted (the member's MemberRoleGranted), so answers about the past hold
            grants.Single(g => g.Role == "TREASURER").From.ShouldBeLessThan(started);
            grants.Single(g => g.Role == "EDITOR").From.ShouldBeLessThan(started);

            // the demo accounts sign in and hold their scope
            var organiser = await SignInAsync(client, OrganiserEmail, OrganiserPassword);
            var roles = await client.DataAsync("{ viewer { roles } }", token: organiser);
            // (CAMPAIGN_ORGANISER too once Campaigns' own migration step, which runs through messages, has granted it: LegacyCampaignOrganiserMigrationTests)
            MembershipApi.Strings(roles["viewer"]!["roles"]).Where(r => r != "CAMPAIGN_ORGANISER").ShouldBe(["MEMBER", "ORGANISER"]);
            var members = await client.DataAsync("{ members(first: 100) { totalCount nodes { familyName branch { name } } } }", token: organiser);
            members["members"]!["nodes"]!.AsArray().Select(n => n!["branch"]!["name"]!.GetValue<string>()).Distinct().ShouldBe(["North London"]);
            members["members"]!["totalCount"]!.GetValue<int>().ShouldBeGreaterThan(3);
            // applications without a branch needed nothing: every organiser sees the pending one
            var pending = await client.DataAsync("{ membershipApplications(status: PENDING, first: 100) { nodes { familyName branch { id } } } }", token: organiser);
            pending["membershipApplications"]!["nodes"]!.AsArray().ShouldContain(n => n!["familyName"]!.GetValue<string>() == "Branchless" && n["branch"] == null);
            var member = await SignInAsync(client, MemberEmail, MemberPassword);
            MembershipApi.Strings((await client.DataAsync("{ viewer { roles } }", token: member))["viewer"]!["roles"]).ShouldBe(["MEMBER"]);
            (await client.PostAsync("{ members(first: 1) { totalCount } }", token: member)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
            var adminRoles = await client.DataAsync("{ viewer { roles } }", token: admin);
            MembershipApi.Strings(adminRoles["viewer"]!["roles"]).Where(r => r != "CAMPAIGN_ORGANISER").ShouldBe(["MEMBER", "ADMIN"]);
        }
        var streams = await CountAsync("select count(*) from membership.mt_streams where type like '%RoleGrant%' or id in (select id from membership.mt_doc_rolegrant)");
        var records = await CountAsync("select count(*) from membership.mt_doc_legacyrolemigrationrecord");
        records.ShouldBe(1);

        // started again: nothing more
        await using (var again = Start())
        {
            var client = new GraphQLClient(again.CreateClient());
            var admin = await SignInAsync(client, AdminEmail, AdminPassword);
            (await GrantsAsync(client, admin)).Select(g => g.Id).ShouldBe(grants.Select(g => g.Id), ignoreOrder: true);
        }
        (await CountAsync("select count(*) from membership.mt_streams where type like '%RoleGrant%' or id in (select id from membership.mt_doc_rolegrant)")).ShouldBe(streams);
        (await CountAsync("select count(*) from membership.mt_doc_legacyrolemigrationrecord")).ShouldBe(1);
    }

    private PlatformFactory Start() => new(PlatformFixture.HostSettings(connectionString), null, null);

    private static async Task<string> SignInAsync(GraphQLClient client, string email, string password)
    {
        var response = await client.PostAsync(MembershipApi.SignIn, new { input = new { email, password } });
        return response["signIn.accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException($"{email} could not sign in: {response.Body}");
    }

    private static async Task<IReadOnlyList<Granted>> GrantsAsync(GraphQLClient client, string admin)
    {
        var data = await client.DataAsync("{ roleGrants(first: 100) { totalCount nodes { id role scope { kind branch { name } } member { givenName familyName } from reason } } }", token: admin);
        var nodes = data["roleGrants"]!["nodes"]!.AsArray();
        nodes.Count.ShouldBe(data["roleGrants"]!["totalCount"]!.GetValue<int>());
        return nodes.Select(n => new Granted(
            n!["id"]!.GetValue<string>(), n["role"]!.GetValue<string>(), n["scope"]!["kind"]!.GetValue<string>(), n["scope"]!["branch"]?["name"]?.GetValue<string>(),
            $"{n["member"]!["givenName"]!.GetValue<string>()} {n["member"]!["familyName"]!.GetValue<string>()}",
            DateTimeOffset.Parse(n["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), n["reason"]?.GetValue<string>())).ToList();
    }

    private Task<long> CountAsync(string sql) => TestPostgres.ScalarAsync(connectionString, sql);

}
