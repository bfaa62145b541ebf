using System.Diagnostics;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>
/// grantRole with a scope and an end, revokeGrant, the grant lists, and Membership's rules reading grants: through
/// the real host with real tokens (an organiser of two branches, an organiser of A against a member of B, a branch
/// treasurer against another branch, a grant ending while its token is in use, a revocation).
/// </summary>
public sealed class GrantsApiTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private const string GrantSelection = "grant { id role scope { kind branch { id } campaign { id } } from until reason grantedBy { id } revokedAt revokeReason endedAt active } member { id roles }";

    private async Task<string> BranchAsync() => await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());

    private async Task<GraphQLResponse> GrantAsync(object input) =>
        await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", input, await fixture.AdminTokenAsync(), GrantSelection);

    private async Task<string> GrantIdAsync(object input)
    {
        var granted = await GrantAsync(input);
        granted.UserErrors("grantRole").ShouldBeEmpty(granted.Body);
        return granted["grantRole.grant.id"]!.GetValue<string>();
    }

    /// <summary>A fresh sign-in (not the fixture's cached token): its token carries the roles held now.</summary>
    private async Task<string> SignInAsync(MemberApi.Person person) =>
        (await fixture.NewClient().PostAsync(MembershipApi.SignIn, new { input = new { email = person.Email, password = MemberApi.Password } }))["signIn.accessToken"]!.GetValue<string>();

    private async Task<IReadOnlyList<string>> ListedAsync(string token)
    {
        var list = await fixture.Client.DataAsync("{ members(first: 100) { nodes { id } } }", token: token);
        return list["members"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task An_admin_grants_a_role_on_a_branch_with_an_end_and_a_reason_seen_by_the_member_and_admins_only()
    {
        var branch = await BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var other = await MemberApi.JoinAsync(fixture, branch);
        var until = DateTimeOffset.UtcNow.AddDays(3);
        var granted = await GrantAsync(new { memberId = member.MemberId, role = "ORGANISER", branchId = branch, until, reason = " Conference steward " });
        granted.UserErrors("grantRole").ShouldBeEmpty(granted.Body);
        granted["grantRole.grant.role"]!.GetValue<string>().ShouldBe("ORGANISER");
        granted["grantRole.grant.scope.kind"]!.GetValue<string>().ShouldBe("BRANCH");
        granted["grantRole.grant.scope.branch.id"]!.GetValue<string>().ShouldBe(branch);
        granted["grantRole.grant.reason"]!.GetValue<string>().ShouldBe("Conference steward");
        DateTimeOffset.Parse(granted["grantRole.grant.until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(until, TimeSpan.FromMilliseconds(1));
        granted["grantRole.grant.grantedBy"].ShouldBeNull(); // the bootstrap admin has no member record
        granted["grantRole.grant.active"]!.GetValue<bool>().ShouldBeTrue();
        MembershipApi.Strings(granted["grantRole.member.roles"]).ShouldBe(["MEMBER", "ORGANISER"]);
        var grantId = granted["grantRole.grant.id"]!.GetValue<string>();

        // the same role on the same scope twice is refused; the member's own list and the admins' lists show it
        (await GrantAsync(new { memberId = member.MemberId, role = "ORGANISER", branchId = branch })).UserErrors("grantRole").Single().Code.ShouldBe("INVALID_STATE");
        var own = await fixture.Client.DataAsync("{ me { grants { nodes { id } } } roleGrants { totalCount nodes { id } } }", token: member.Token);
        MembershipApi.Strings(new System.Text.Json.Nodes.JsonArray([.. own["me"]!["grants"]!["nodes"]!.AsArray().Select(n => n!["id"]!.DeepClone())])).ShouldBe([grantId]);
        own["roleGrants"]!["totalCount"]!.GetValue<int>().ShouldBe(1);
        var admin = await fixture.AdminTokenAsync();
        var byAdmin = await fixture.Client.DataAsync("query($m: ID) { roleGrants(memberId: $m) { nodes { id } } }", new { m = member.MemberId }, admin);
        byAdmin["roleGrants"]!["nodes"]![0]!["id"]!.GetValue<string>().ShouldBe(grantId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var onToday = await fixture.Client.DataAsync("query($d: Date!) { grantsOn(date: $d, first: 100) { nodes { id } } }", new { d = today }, admin);
        onToday["grantsOn"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldContain(grantId);
        var lastYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await fixture.Client.DataAsync("query($d: Date!, $m: ID) { roleGrants(memberId: $m, activeOn: $d) { totalCount } }", new { d = lastYear, m = member.MemberId }, admin);
        before["roleGrants"]!["totalCount"]!.GetValue<int>().ShouldBe(0);

        // another member: no grants of others, by any road
        (await fixture.Client.PostAsync("query($m: ID) { roleGrants(memberId: $m) { totalCount } }", new { m = member.MemberId }, other.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = grantId }, other.Token))["node"].ShouldBeNull();
        var theirs = await fixture.Client.DataAsync("query($d: Date!) { grantsOn(date: $d) { totalCount } }", new { d = today }, other.Token);
        theirs["grantsOn"]!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_scope_the_role_does_not_take_or_that_does_not_exist_is_refused_with_the_field_named()
    {
        var branch = await BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        (await GrantAsync(new { memberId = member.MemberId, role = "CAMPAIGN_ORGANISER" })).UserErrors("grantRole").Single()
            .ShouldBe(("VALIDATION", "CAMPAIGN_ORGANISER is granted on a campaign.", "input.campaignId"));
        (await GrantAsync(new { memberId = member.MemberId, role = "EDITOR", branchId = branch })).UserErrors("grantRole").Single().Field.ShouldBe("input.branchId");
        var noCampaign = Platform.GlobalId.Encode("Campaign", Guid.NewGuid());
        (await GrantAsync(new { memberId = member.MemberId, role = "CAMPAIGN_ORGANISER", campaignId = noCampaign })).UserErrors("grantRole").Single()
            .ShouldBe(("NOT_FOUND", "There is no such campaign.", "input.campaignId"));
        (await GrantAsync(new { memberId = member.MemberId, role = "ORGANISER", branchId = Platform.GlobalId.Encode("Branch", Guid.NewGuid()) }))
            .UserErrors("grantRole").Single().Code.ShouldBe("NOT_FOUND");
        (await GrantAsync(new { memberId = member.MemberId, role = "TREASURER", until = DateTimeOffset.UtcNow.AddMinutes(-1) })).UserErrors("grantRole").Single().Field.ShouldBe("input.until");
        (await MemberApi.MutateAsync(fixture, "grantRole", "RoleChangeInput", new { memberId = member.MemberId, role = "EDITOR" }, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_campaign_organiser_grant_names_the_campaign()
    {
        var branch = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
            new { input = new { title = $"Grants {Guid.NewGuid():N}", summary = "Who runs it." } }, organiser.Token);
        var campaignId = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var steward = await MemberApi.JoinAsync(fixture, branch);
        var granted = await GrantAsync(new { memberId = steward.MemberId, role = "CAMPAIGN_ORGANISER", campaignId, reason = "Runs the stalls" });
        granted.UserErrors("grantRole").ShouldBeEmpty(granted.Body);
        granted["grantRole.grant.scope.kind"]!.GetValue<string>().ShouldBe("CAMPAIGN");
        granted["grantRole.grant.scope.campaign.id"]!.GetValue<string>().ShouldBe(campaignId);
    }

    [Fact]
    public async Task An_organiser_of_two_branches_lists_and_manages_the_members_of_both_and_of_no_third()
    {
        var (a, b, c) = (await BranchAsync(), await BranchAsync(), await BranchAsync());
        var organiser = await MemberApi.JoinAsync(fixture, a, "ORGANISER");
        var (inA, inB, inC) = (await MemberApi.JoinAsync(fixture, a), await MemberApi.JoinAsync(fixture, b), await MemberApi.JoinAsync(fixture, c));
        // before the grant on b: a's organiser does not reach b
        (await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = inA.MemberId, branchId = b }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        await GrantIdAsync(new { memberId = organiser.MemberId, role = "ORGANISER", branchId = b });

        // the grant applies to the token in use (no new sign-in)
        var listed = await ListedAsync(organiser.Token);
        listed.ShouldContain(inA.MemberId);
        listed.ShouldContain(inB.MemberId);
        listed.ShouldNotContain(inC.MemberId);
        (await fixture.Client.PostAsync("query($b: ID) { members(filter: { branchId: $b }) { totalCount } }", new { b = c }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var search = await fixture.Client.DataAsync("query($s: String) { members(filter: { search: $s }) { nodes { id } } }", new { s = "example.org" }, organiser.Token);
        search["members"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldNotContain(inC.MemberId);
        var emailOfB = await MemberApi.MemberAsync(fixture, inB.MemberId, organiser.Token, "email");
        emailOfB.Data!["node"]!["email"]!.GetValue<string>().ShouldBe(inB.Email);

        var suspended = await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = inB.MemberId, reason = "Broke the code" }, organiser.Token);
        suspended.UserErrors("suspendMember").ShouldBeEmpty(suspended.Body);
        (await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId = inC.MemberId, reason = "No" }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await MemberApi.MemberAsync(fixture, inC.MemberId, organiser.Token)).Data!["node"].ShouldBeNull();
        var moved = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = inA.MemberId, branchId = b }, organiser.Token);
        moved.UserErrors("transferMember").ShouldBeEmpty(moved.Body);
        (await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId = inB.MemberId, branchId = c }, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_branch_treasurer_reads_and_records_contributions_of_their_branch_only()
    {
        var (a, b) = (await BranchAsync(), await BranchAsync());
        var treasurer = await MemberApi.JoinAsync(fixture, a);
        await GrantIdAsync(new { memberId = treasurer.MemberId, role = "TREASURER", branchId = b });
        var token = await SignInAsync(treasurer);
        var (inA, inB) = (await MemberApi.JoinAsync(fixture, a), await MemberApi.JoinAsync(fixture, b));

        var ofB = await MemberApi.MemberAsync(fixture, inB.MemberId, token, "monthsInArrears email");
        ofB.Data!["node"]!["monthsInArrears"].ShouldNotBeNull();
        ofB.Data!["node"]!["email"].ShouldBeNull();
        (await MemberApi.MemberAsync(fixture, inA.MemberId, token, "monthsInArrears")).Data!["node"].ShouldBeNull();
        var listed = await ListedAsync(token);
        listed.ShouldBe([inB.MemberId]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        object Payment(string memberId) => new { memberId, amount = new { amount = 10m, currency = "GBP" }, paidOn = today, reference = $"T-{Guid.NewGuid():N}" };
        (await MemberApi.MutateAsync(fixture, "recordContributionPayment", "RecordContributionPaymentInput", Payment(inB.MemberId), token)).UserErrors("recordContributionPayment").ShouldBeEmpty();
        (await MemberApi.MutateAsync(fixture, "recordContributionPayment", "RecordContributionPaymentInput", Payment(inA.MemberId), token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var totals = await fixture.Client.DataAsync("query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Branch { contributionTotals { month } } } b: node(id: $b) { ... on Branch { contributionTotals { month } } } }", new { a, b }, token);
        totals["a"]!["contributionTotals"].ShouldBeNull();
        totals["b"]!["contributionTotals"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_grant_ending_while_its_token_is_in_use_stops_the_token_and_its_end_is_recorded()
    {
        var branch = await BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        var grantId = await GrantIdAsync(new { memberId = member.MemberId, role = "ORGANISER", branchId = branch, until, reason = "A weekend's steward" });
        var token = await SignInAsync(member);
        (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: token)).ShouldSucceed();

        // after the end, the token (claiming ORGANISER) is refused at once: the check's cache lasts no longer than the grant
        var wait = until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: token)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        // a fresh sign-in carries MEMBER only, and the organiser's scope is gone
        var fresh = await SignInAsync(member);
        var refused = await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: fresh);
        refused.ErrorCodes.ShouldBe(["FORBIDDEN"], refused.Body);
        var roles = await fixture.Client.DataAsync("{ viewer { roles } me { roles } }", token: fresh);
        MembershipApi.Strings(roles["viewer"]!["roles"]).ShouldBe(["MEMBER"]);
        MembershipApi.Strings(roles["me"]!["roles"]).ShouldBe(["MEMBER"]);

        // the scheduled ExpireGrant records the end without anyone acting
        var admin = await fixture.AdminTokenAsync();
        var clock = Stopwatch.StartNew();
        string? expiredAt = null;
        while (expiredAt is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var node = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on RoleGrant { expiredAt active } } }", new { id = grantId }, admin);
            expiredAt = node["node"]!["expiredAt"]?.GetValue<string>();
            node["node"]!["active"]!.GetValue<bool>().ShouldBeFalse();
            if (expiredAt is null) await Task.Delay(250);
        }
        expiredAt.ShouldNotBeNull("ExpireGrant was not handled within 30 s");
    }

    [Fact]
    public async Task A_revoked_grant_refuses_its_token_within_five_seconds_and_revokeRole_still_works()
    {
        var branch = await BranchAsync();
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var admin = await fixture.AdminTokenAsync();
        var grants = await fixture.Client.DataAsync("query($m: ID) { roleGrants(memberId: $m) { nodes { id role } } }", new { m = organiser.MemberId }, admin);
        var grantId = grants["roleGrants"]!["nodes"]![0]!["id"]!.GetValue<string>();
        (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: organiser.Token)).ShouldSucceed();

        (await MemberApi.MutateAsync(fixture, "revokeGrant", "RevokeGrantInput", new { grantId, reason = " " }, admin, "grant { id }")).UserErrors("revokeGrant").Single().Field.ShouldBe("input.reason");
        var revoked = await MemberApi.MutateAsync(fixture, "revokeGrant", "RevokeGrantInput", new { grantId, reason = "Stepped down" }, admin, "grant { revokedAt revokeReason active } member { roles }");
        revoked.UserErrors("revokeGrant").ShouldBeEmpty(revoked.Body);
        revoked["revokeGrant.grant.revokeReason"]!.GetValue<string>().ShouldBe("Stepped down");
        revoked["revokeGrant.grant.active"]!.GetValue<bool>().ShouldBeFalse();
        MembershipApi.Strings(revoked["revokeGrant.member.roles"]).ShouldBe(["MEMBER"]);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> codes = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(5.5) && codes is not ["UNAUTHENTICATED"])
        {
            codes = (await fixture.Client.PostAsync("{ members(first: 1) { totalCount } }", token: organiser.Token)).ErrorCodes;
            if (codes is not ["UNAUTHENTICATED"]) await Task.Delay(200);
        }
        codes.ShouldBe(["UNAUTHENTICATED"]);
        (await MemberApi.MutateAsync(fixture, "revokeGrant", "RevokeGrantInput", new { grantId, reason = "Again" }, admin, "grant { id }")).UserErrors("revokeGrant").Single().Code.ShouldBe("INVALID_STATE");

        // revokeRole (deprecated) ends every active grant of the role at once
        await GrantIdAsync(new { memberId = organiser.MemberId, role = "TREASURER" });
        await GrantIdAsync(new { memberId = organiser.MemberId, role = "TREASURER", branchId = branch });
        var byRole = await MemberApi.MutateAsync(fixture, "revokeRole", "RoleChangeInput", new { memberId = organiser.MemberId, role = "TREASURER" }, admin, "member { roles grants { nodes { role active } } }");
        byRole.UserErrors("revokeRole").ShouldBeEmpty(byRole.Body);
        MembershipApi.Strings(byRole["revokeRole.member.roles"]).ShouldBe(["MEMBER"]);
        byRole["revokeRole.member.grants.nodes"]!.AsArray().Select(n => n!["active"]!.GetValue<bool>()).ShouldAllBe(active => !active);
    }

    [Fact]
    public async Task Erasure_ends_the_members_grants_and_masks_their_reasons_in_documents_and_events()
    {
        var branch = await BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var marker = $"Steward{Guid.NewGuid():N}";
        var active = await GrantIdAsync(new { memberId = member.MemberId, role = "TREASURER", reason = $"{marker} keeps the books" });
        var ended = await GrantIdAsync(new { memberId = member.MemberId, role = "EDITOR", reason = $"{marker} edits" });
        var admin = await fixture.AdminTokenAsync();
        (await MemberApi.MutateAsync(fixture, "revokeGrant", "RevokeGrantInput", new { grantId = ended, reason = $"{marker} stepped down" }, admin, "grant { id }"))
            .UserErrors("revokeGrant").ShouldBeEmpty();

        var erased = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = member.MemberId } }, admin);
        erased.UserErrors("eraseMember").ShouldBeEmpty();

        var clock = Stopwatch.StartNew();
        long found;
        do
        {
            await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                "select (select count(*) from membership.mt_events where data::text like @m) + (select count(*) from membership.mt_doc_rolegrant where data::text like @m)", connection);
            count.Parameters.AddWithValue("m", $"%{marker}%");
            found = (long)(await count.ExecuteScalarAsync())!;
            if (found > 0) await Task.Delay(200);
        }
        while (found > 0 && clock.Elapsed < TimeSpan.FromSeconds(20));
        found.ShouldBe(0);
        var grants = await fixture.Client.DataAsync("query($a: ID!, $e: ID!) { a: node(id: $a) { ... on RoleGrant { active reason } } e: node(id: $e) { ... on RoleGrant { reason revokeReason } } }",
            new { a = active, e = ended }, admin);
        grants["a"]!["active"]!.GetValue<bool>().ShouldBeFalse();
        grants["a"]!["reason"]!.GetValue<string>().ShouldBe("(erased)");
        grants["e"]!["revokeReason"]!.GetValue<string>().ShouldBe("(erased)");
    }
}
