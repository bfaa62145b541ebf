using System.Security.Claims;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

public sealed class BranchTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    private GraphQLClient Client => fixture.Client;

    [Fact]
    public async Task An_admin_creates_a_branch_everyone_can_see()
    {
        var admin = await fixture.AdminTokenAsync();
        var response = await Client.PostAsync(MembershipApi.CreateBranch, new { input = new { name = "  Leeds  ", region = "Yorkshire" } }, admin);
        response.UserErrors("createBranch").ShouldBeEmpty();
        response["createBranch.branch.name"]!.GetValue<string>().ShouldBe("Leeds");
        var id = response["createBranch.branch.id"]!.GetValue<string>();

        var data = await Client.DataAsync("{ branches { id name region } }");
        data["branches"]!.AsArray().ShouldContain(b => b!["id"]!.GetValue<string>() == id && b["region"]!.GetValue<string>() == "Yorkshire");
        var byId = await Client.DataAsync("query($id: ID!) { branch(id: $id) { name } node(id: $id) { ... on Branch { name } } }", new { id });
        byId["branch"]!["name"]!.GetValue<string>().ShouldBe("Leeds");
        byId["node"]!["name"]!.GetValue<string>().ShouldBe("Leeds");
    }

    [Fact]
    public async Task A_branch_name_is_unique_whatever_the_case()
    {
        var admin = await fixture.AdminTokenAsync();
        await MembershipApi.CreateBranchAsync(Client, admin, "Sheffield");
        var again = await Client.PostAsync(MembershipApi.CreateBranch, new { input = new { name = "SHEFFIELD" } }, admin);
        var error = again.UserErrors("createBranch").Single();
        error.Code.ShouldBe("ALREADY_EXISTS");
        error.Field.ShouldBe("input.name");
    }

    [Fact]
    public async Task A_branch_needs_a_name()
    {
        var again = await Client.PostAsync(MembershipApi.CreateBranch, new { input = new { name = "   " } }, await fixture.AdminTokenAsync());
        again.UserErrors("createBranch").Single().Code.ShouldBe("VALIDATION");
    }

    [Fact]
    public async Task Only_admins_create_branches()
    {
        var input = new { input = new { name = "Not allowed" } };
        (await Client.PostAsync(MembershipApi.CreateBranch, input)).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        var organiser = (await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER")).Token;
        (await Client.PostAsync(MembershipApi.CreateBranch, input, organiser)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var data = await Client.DataAsync("{ branches { name } }");
        data["branches"]!.AsArray().ShouldNotContain(b => b!["name"]!.GetValue<string>() == "Not allowed");
    }

    [Fact]
    public async Task Member_counts_are_for_signed_in_callers_and_count_the_members()
    {
        var admin = await fixture.AdminTokenAsync();
        var branchId = await MembershipApi.CreateBranchAsync(Client, admin, "Counted");
        await MembershipApi.JoinAsync(fixture, branchId);
        var (_, token, _) = await MembershipApi.JoinAsync(fixture, branchId);

        (await Client.PostAsync("{ branches { memberCount } }")).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
        var data = await Client.DataAsync("query($id: ID!) { branch(id: $id) { memberCount } }", new { id = branchId }, token);
        data["branch"]!["memberCount"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task An_unknown_branch_id_gives_null()
    {
        var data = await Client.DataAsync("query($id: ID!) { branch(id: $id) { name } }", new { id = Platform.GlobalId.Encode("Branch", Guid.NewGuid()) });
        data["branch"].ShouldBeNull();
        data = await Client.DataAsync("{ branch(id: \"nonsense\") { name } }");
        data["branch"].ShouldBeNull();
    }
}
