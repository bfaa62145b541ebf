using Shouldly;
using System.Text.Json.Nodes;


namespace WorkersPower.Testing;

/// <summary>
/// People in roles, made through the real API: join, then an admin grants roles, then sign in again. ORGANISER is
/// granted on the member's own branch (a grant without a branch would make them an organiser of every branch); the
/// other roles organisation-wide.
/// </summary>
public static class MemberApi
{
    public const string Password = "a long enough passphrase";

    public const string MemberFields = """
        id givenName familyName email phone postcode status statusReason roles branch { id name }
        union workplace interests availability communicationPreferences { email sms post }
        contribution { amount currency } contributionFrequency monthsInArrears arrears { amount currency }
        """;

    public sealed record Person(string MemberId, string Token, string Email);

    public static async Task<Person> JoinAsync(PlatformFixture fixture, string branchId, params string[] roles)
    {
        var (memberId, token, email) = await MembershipApi.JoinAsync(fixture, branchId, Password);
        if (roles.Length == 0) return new Person(memberId, token, email);
        var admin = await fixture.AdminTokenAsync();
        foreach (var role in roles)
        {
            var response = await fixture.Client.PostAsync("mutation($input: RoleChangeInput!) { grantRole(input: $input) { errors { code message } } }",
                new { input = new { memberId, role, branchId = role == "ORGANISER" ? branchId : null } }, admin);
            response.UserErrors("grantRole").ShouldBeEmpty(response.Body);
        }
        var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password = Password } });
        return new Person(memberId, signIn["signIn.accessToken"]!.GetValue<string>(), email);
    }

    public static Task<GraphQLResponse> MemberAsync(PlatformFixture fixture, string id, string token, string fields = MemberFields) =>
        fixture.Client.PostAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Member {{ {fields} }} }} }}", new { id }, token);

    public static async Task<GraphQLResponse> MutateAsync(PlatformFixture fixture, string name, string inputType, object input, string? token = null, string selection = "member { id status statusReason branch { id } }")
    {
        var response = await fixture.Client.PostAsync($"mutation($input: {inputType}!) {{ {name}(input: $input) {{ {selection} errors {{ code message field }} }} }}", new { input }, token);
        return response;
    }

    public static JsonNode Node(GraphQLResponse response) => response.Data!["node"]!;
}
