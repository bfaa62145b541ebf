using System.Text;
using Shouldly;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The authorization matrix's second half: roles × scopes. <see cref="AuthorizationMatrixTests"/> says which role may
/// reach which field; which branch or campaign a grant reaches is decided by the data. Here people holding one grant
/// each (on branch A, on the whole organisation, on campaign X, an ended one) ask for the same things about members of
/// branch A and B and about campaigns X and Y, through the real API, and the answers are compared with the committed
/// authorization-scopes.txt (regenerate with WP_UPDATE_SCHEMA=1 and read the diff).
/// </summary>
public sealed class ScopeMatrixTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static string Committed => Path.Combine(Repository.Root, "tests", "WorkersPower.Host.Tests", "authorization-scopes.txt");

    private sealed record World(string BranchA, string BranchB, string MemberA, string MemberB, string CampaignX, string CampaignY, string ActionX, string ActionY);

    private sealed record Holder(string Name, string Token, string MemberId);

    [Fact]
    public async Task Each_grant_reaches_its_own_scope_only_as_the_committed_matrix_says()
    {
        var admin = await fixture.AdminTokenAsync();
        var world = await WorldAsync(admin);
        var holders = await HoldersAsync(admin, world);

        var text = new StringBuilder();
        text.AppendLine("# What a holder of each grant may do in and out of its scope (written by ScopeMatrixTests; regenerate with WP_UPDATE_SCHEMA=1).");
        text.AppendLine("# Every holder is a member of branch A. \"yes\"/\"no\" for reads and changes; for sign-up lists, how many of the two entries are shown.");
        foreach (var holder in holders)
        {
            text.AppendLine(holder.Name);
            foreach (var (question, answer) in await AnswersAsync(admin, world, holder))
                text.AppendLine($"  {question}: {answer}");
        }

        var actual = text.ToString();
        if (Environment.GetEnvironmentVariable("WP_UPDATE_SCHEMA") == "1") await File.WriteAllTextAsync(Committed, actual);
        actual.ShouldBe(await File.ReadAllTextAsync(Committed), "the scope matrix changed: regenerate with WP_UPDATE_SCHEMA=1 and review the diff");
    }

    /// <summary>Two branches with a member each, two campaigns with an action each that both members signed up for.</summary>
    private async Task<World> WorldAsync(string admin)
    {
        var branchA = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var branchB = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var memberA = await MemberApi.JoinAsync(fixture, branchA);
        var memberB = await MemberApi.JoinAsync(fixture, branchB);
        var (campaignX, actionX) = await CampaignAsync(admin);
        var (campaignY, actionY) = await CampaignAsync(admin);
        foreach (var member in new[] { memberA, memberB })
            foreach (var action in new[] { actionX, actionY })
            {
                var signUp = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
                    new { input = new { actionId = action } }, member.Token);
                signUp.UserErrors("signUpForAction").ShouldBeEmpty(signUp.Body);
            }
        return new World(branchA, branchB, memberA.MemberId, memberB.MemberId, campaignX, campaignY, actionX, actionY);
    }

    private async Task<(string Campaign, string Action)> CampaignAsync(string token)
    {
        var launched = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
            new { input = new { title = $"Scope {Guid.NewGuid():N}"[..20], summary = "A campaign of the scope matrix." } }, token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var campaign = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var action = await ScheduleAsync(token, campaign);
        action.UserErrors("scheduleAction").ShouldBeEmpty(action.Body);
        return (campaign, action["scheduleAction.action.id"]!.GetValue<string>());
    }

    private Task<GraphQLResponse> ScheduleAsync(string token, string campaign) =>
        fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new
            {
                input = new
                {
                    campaignId = campaign, kind = "MEETING", location = "The union hall",
                    startsAt = DateTimeOffset.UtcNow.AddDays(7), endsAt = DateTimeOffset.UtcNow.AddDays(7).AddHours(2),
                },
            }, token);

    /// <summary>One member of branch A per kind of grant, signed in after the grant (so the token claims the role).</summary>
    private async Task<IReadOnlyList<Holder>> HoldersAsync(string admin, World world)
    {
        var holders = new List<Holder>();
        async Task Add(string name, params object[] grants)
        {
            var person = await MemberApi.JoinAsync(fixture, world.BranchA);
            foreach (var grant in grants) await GrantAsync(admin, person.MemberId, grant);
            holders.Add(new Holder(name, await SignInAsync(person.Email), person.MemberId));
        }

        await Add("MEMBER only (no grant)");
        await Add("ORGANISER on branch A", new { role = "ORGANISER", branchId = world.BranchA });
        await Add("ORGANISER on branches A and B", new { role = "ORGANISER", branchId = world.BranchA }, new { role = "ORGANISER", branchId = world.BranchB });
        await Add("ORGANISER on the whole organisation", new { role = "ORGANISER" });
        await Add("TREASURER on branch A", new { role = "TREASURER", branchId = world.BranchA });
        await Add("TREASURER on the whole organisation", new { role = "TREASURER" });
        await Add("CAMPAIGN_ORGANISER on campaign X", new { role = "CAMPAIGN_ORGANISER", campaignId = world.CampaignX });
        await Add("EDITOR on the whole organisation", new { role = "EDITOR" });
        await Add("ADMIN on the whole organisation", new { role = "ADMIN" });

        // a grant made after its holder signed in: it holds from the next request, without signing in again
        var late = await MemberApi.JoinAsync(fixture, world.BranchA);
        var lateToken = await SignInAsync(late.Email);
        await GrantAsync(admin, late.MemberId, new { role = "CAMPAIGN_ORGANISER", campaignId = world.CampaignY });
        holders.Add(new Holder("CAMPAIGN_ORGANISER on campaign Y, granted after signing in", lateToken, late.MemberId));

        // a grant that ended while its holder kept a token: ORGANISER on B still holds, the one on A ended
        var steward = await MemberApi.JoinAsync(fixture, world.BranchA);
        await GrantAsync(admin, steward.MemberId, new { role = "ORGANISER", branchId = world.BranchB });
        await GrantAsync(admin, steward.MemberId, new { role = "ORGANISER", branchId = world.BranchA, until = DateTimeOffset.UtcNow.AddSeconds(3) });
        var token = await SignInAsync(steward.Email);
        await Task.Delay(TimeSpan.FromSeconds(4));
        holders.Add(new Holder("ORGANISER on branch B, with an ended grant on branch A", token, steward.MemberId));
        return holders;
    }

    private async Task GrantAsync(string admin, string memberId, object grant)
    {
        var input = System.Text.Json.JsonSerializer.SerializeToNode(grant)!.AsObject();
        input["memberId"] = memberId;
        input["reason"] = "Scope matrix";
        var response = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message field } } }",
            new { input }, admin);
        response.UserErrors("grantRole").ShouldBeEmpty(response.Body);
    }

    private async Task<string> SignInAsync(string email)
    {
        var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password = MemberApi.Password } });
        return signIn["signIn.accessToken"]!.GetValue<string>();
    }

    private async Task<IReadOnlyList<(string Question, string Answer)>> AnswersAsync(string admin, World world, Holder holder)
    {
        var answers = new List<(string, string)>
        {
            ("email of a member of branch A", await ReadsAsync(holder, world.MemberA, "email")),
            ("email of a member of branch B", await ReadsAsync(holder, world.MemberB, "email")),
            ("months in arrears of a member of branch A", await ReadsAsync(holder, world.MemberA, "monthsInArrears")),
            ("months in arrears of a member of branch B", await ReadsAsync(holder, world.MemberB, "monthsInArrears")),
            ("members of branch B listed", await ListsAsync(holder, world.BranchB)),
            ("sign-ups of campaign X's action shown", await SignUpsAsync(holder, world.ActionX)),
            ("sign-ups of campaign Y's action shown", await SignUpsAsync(holder, world.ActionY)),
        };
        // changes act on fresh members and add actions, so no holder's answer depends on another's
        var targetA = await MemberApi.JoinAsync(fixture, world.BranchA);
        var targetB = await MemberApi.JoinAsync(fixture, world.BranchB);
        answers.Add(("suspend a member of branch A", await SuspendsAsync(holder, targetA.MemberId)));
        answers.Add(("suspend a member of branch B", await SuspendsAsync(holder, targetB.MemberId)));
        answers.Add(("schedule an action of campaign X", Verdict(await ScheduleAsync(holder.Token, world.CampaignX), "scheduleAction")));
        answers.Add(("schedule an action of campaign Y", Verdict(await ScheduleAsync(holder.Token, world.CampaignY), "scheduleAction")));
        return answers;
    }

    private async Task<string> ReadsAsync(Holder holder, string memberId, string field)
    {
        var response = await MemberApi.MemberAsync(fixture, memberId, holder.Token, $"id {field}");
        var value = response.Data?["node"]?[field];
        return value is null ? "no" : "yes";
    }

    private async Task<string> ListsAsync(Holder holder, string branchId)
    {
        var response = await fixture.Client.PostAsync("query($b: ID!) { members(first: 5, filter: {branchId: $b}) { totalCount } }", new { b = branchId }, holder.Token);
        return response.Data?["members"]?["totalCount"] is null ? "no" : "yes";
    }

    private async Task<string> SignUpsAsync(Holder holder, string actionId)
    {
        var response = await fixture.Client.PostAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps(first: 10) { edges { node { displayName } } } } } }",
            new { id = actionId }, holder.Token);
        return response.Data?["node"]?["signUps"]?["edges"] is System.Text.Json.Nodes.JsonArray edges ? $"{edges.Count} of 2" : "no";
    }

    private async Task<string> SuspendsAsync(Holder holder, string memberId) =>
        Verdict(await MemberApi.MutateAsync(fixture, "suspendMember", "SuspendMemberInput", new { memberId, reason = "Scope matrix" }, holder.Token), "suspendMember");

    /// <summary>"yes" when the change was made; "no" when refused (FORBIDDEN, or NOT_FOUND for what the caller may not see); else the codes, which mean the matrix asked wrongly.</summary>
    private static string Verdict(GraphQLResponse response, string field)
    {
        var codes = response.ErrorCodes.Concat(response.Data?[field] is null ? [] : response.UserErrors(field).Select(e => e.Code)).Distinct().ToList();
        if (codes.Count == 0) return "yes";
        return codes.All(c => c is "FORBIDDEN" or "UNAUTHENTICATED" or "NOT_FOUND") ? "no" : string.Join(",", codes);
    }
}
