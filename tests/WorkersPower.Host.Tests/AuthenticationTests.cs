using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>Bearer tokens: a token that does not hold is refused, never served as anonymous.</summary>
public sealed class AuthenticationTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static Claim[] Admin() => [new("sub", Guid.NewGuid().ToString()), new("role", "ADMIN")];

    private async Task<GraphQLResponse> ViewerAsync(string token) =>
        await fixture.Client.PostAsync("{ viewer { roles } }", token: token);

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        var response = await ViewerAsync(await fixture.AdminTokenAsync());
        response.ShouldSucceed();
        response["viewer.roles.0"]!.GetValue<string>().ShouldBe("ADMIN");
    }

    [Fact]
    public async Task A_well_signed_token_for_an_account_that_does_not_exist_is_refused()
    {
        var response = await ViewerAsync(Tokens.Make(Admin()));
        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task A_token_claiming_a_role_the_account_does_not_hold_is_refused()
    {
        var real = new System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler().ReadJwtToken(await fixture.AdminTokenAsync());
        var sub = real.Claims.First(c => c.Type == "sub").Value;
        var forged = Tokens.Make([new Claim("sub", sub), new Claim("role", "ADMIN"), new Claim("role", "TREASURER")]);
        (await ViewerAsync(forged)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await ViewerAsync(Tokens.Make([new Claim("sub", sub), new Claim("role", "ADMIN")]))).ShouldSucceed();
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", Tokens.Make(Admin(), expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddHours(-2)) },
        { "signed with another key", Tokens.Make(Admin(), key: "another-key-that-is-long-enough-0123456789abcdef") },
        { "alg none", Tokens.Unsigned(Admin()) },
        { "wrong issuer", Tokens.Make(Admin(), issuer: "someone-else") },
        { "wrong audience", Tokens.Make(Admin(), audience: "another-api") },
        { "not yet valid", Tokens.Make(Admin(), notBefore: DateTime.UtcNow.AddHours(1), expires: DateTime.UtcNow.AddHours(2)) },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401(string why, string token)
    {
        var response = await ViewerAsync(token);
        response.Status.ShouldBe(HttpStatusCode.Unauthorized, why);
        response.ErrorCodes.ShouldBe(["UNAUTHENTICATED"], why);
        response.Data.ShouldBeNull(why);
    }

    [Fact]
    public async Task The_401_names_the_bearer_scheme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ viewer { roles } }"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Unsigned(Admin()));
        var response = await fixture.Client.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().Scheme.ShouldBe("Bearer");
    }

    [Fact]
    public async Task A_member_without_the_role_is_forbidden_and_nothing_runs()
    {
        var member = (await MemberApi.JoinAsync(fixture, await fixture.BranchAsync())).Token;
        var response = await fixture.Client.PostAsync("mutation { createBranch(input: {name: \"Sneaky\"}) { branch { id } } }", token: member);
        response.Status.ShouldBe(HttpStatusCode.Forbidden);
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var branches = await fixture.Client.DataAsync("{ branches { name } }");
        branches["branches"]!.AsArray().ShouldNotContain(b => b!["name"]!.GetValue<string>() == "Sneaky");
    }

    [Fact]
    public async Task Fields_skipped_by_a_directive_are_not_checked()
    {
        var response = await fixture.Client.PostAsync("query($no: Boolean!) { branches { name } membershipApplications @include(if: $no) { totalCount } }", new { no = false });
        response.ShouldSucceed();
    }

    [Fact]
    public async Task Only_the_selected_operation_is_checked()
    {
        var response = await fixture.Client.PostAsync(
            "query Public { branches { name } } query Private { membershipApplications { totalCount } }", operationName: "Public");
        response.ShouldSucceed();
    }
}
