using Shouldly;
using System.Text.Json.Nodes;


namespace WorkersPower.Testing;

/// <summary>The membership operations as a web client sends them.</summary>
public static class MembershipApi
{
    public const string Apply = """
        mutation Apply($input: ApplyForMembershipInput!) {
          applyForMembership(input: $input) {
            application { id givenName familyName email status submittedAt }
            errors { code message field }
          }
        }
        """;

    public const string Approve = """
        mutation Approve($input: ApproveMembershipApplicationInput!) {
          approveMembershipApplication(input: $input) {
            member { id givenName familyName email status roles branch { id name } }
            invitationToken
            errors { code message field }
          }
        }
        """;

    public const string Reject = """
        mutation Reject($input: RejectMembershipApplicationInput!) {
          rejectMembershipApplication(input: $input) {
            application { id status decidedAt rejectionReason }
            errors { code message field }
          }
        }
        """;

    public const string Activate = """
        mutation Activate($input: ActivateAccountInput!) {
          activateAccount(input: $input) { accessToken expiresAt member { id email } errors { code message field } }
        }
        """;

    public const string SignIn = """
        mutation SignIn($input: SignInInput!) {
          signIn(input: $input) { accessToken expiresAt member { id } errors { code message field } }
        }
        """;

    public const string CreateBranch = """
        mutation CreateBranch($input: CreateBranchInput!) {
          createBranch(input: $input) { branch { id name region } errors { code message field } }
        }
        """;

    public const string Applications = """
        query Applications($status: ApplicationStatus, $first: Int, $after: String) {
          membershipApplications(status: $status, first: $first, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { cursor node { id email status } }
          }
        }
        """;

    public static Dictionary<string, object?> Application(string email, string givenName = "Rosa", string familyName = "Worker") => new()
    {
        ["givenName"] = givenName,
        ["familyName"] = familyName,
        ["email"] = email,
        ["phone"] = "+44 20 7946 0000",
        ["postcode"] = "E1 6AN",
        ["union"] = "Unite",
        ["workplace"] = "Depot",
        ["interests"] = new[] { "rank-and-file", "palestine" },
        ["message"] = "I want to organise at work.",
        ["acceptsProgramme"] = true,
        ["contribution"] = new { amount = "12.50", currency = "GBP" },
        ["contributionFrequency"] = "MONTHLY",
        ["consentToContact"] = true,
    };

    public static string UniqueEmail(string who = "applicant") => $"{who}.{Guid.NewGuid():N}@example.org";

    public static async Task<string> ApplyAsync(GraphQLClient client, string email)
    {
        var response = await client.PostAsync(Apply, new { input = Application(email) });
        response.UserErrors("applyForMembership").ShouldBeEmpty(response.Body);
        return response["applyForMembership.application.id"]!.GetValue<string>();
    }

    public static async Task<string> CreateBranchAsync(GraphQLClient client, string adminToken, string? name = null)
    {
        var response = await client.PostAsync(CreateBranch, new { input = new { name = name ?? $"Branch {Guid.NewGuid():N}"[..20], region = "London" } }, adminToken);
        response.UserErrors("createBranch").ShouldBeEmpty(response.Body);
        return response["createBranch.branch.id"]!.GetValue<string>();
    }

    public static async Task<(string MemberId, string InvitationToken)> ApproveAsync(GraphQLClient client, string token, string applicationId, string branchId)
    {
        var response = await client.PostAsync(Approve, new { input = new { applicationId, branchId } }, token);
        response.UserErrors("approveMembershipApplication").ShouldBeEmpty(response.Body);
        return (response["approveMembershipApplication.member.id"]!.GetValue<string>(),
            response["approveMembershipApplication.invitationToken"]!.GetValue<string>());
    }

    /// <summary>The whole join flow for a new member: apply, approve, activate (with mail on, by the invitation mail's link). Returns the member's id and access token.</summary>
    public static async Task<(string MemberId, string AccessToken, string Email)> JoinAsync(PlatformFixture fixture, string branchId, string password = "a long enough passphrase")
    {
        var admin = await fixture.AdminTokenAsync();
        var email = UniqueEmail("member");
        var applicationId = await ApplyAsync(fixture.Client, email);
        var approved = await fixture.Client.PostAsync(Approve, new { input = new { applicationId, branchId } }, admin);
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        var memberId = approved["approveMembershipApplication.member.id"]!.GetValue<string>();
        // With mail off the approval gives the token; with mail on it travels only in the invitation mail.
        var invitation = approved["approveMembershipApplication.invitationToken"]?.GetValue<string>()
            ?? (fixture is MailFixture mail ? await mail.InvitationTokenAsync(email)
                : throw new InvalidOperationException("The approval gave no invitation token: " + approved.Body));
        var response = await fixture.Client.PostAsync(Activate, new { input = new { invitationToken = invitation, password } });
        response.UserErrors("activateAccount").ShouldBeEmpty(response.Body);
        return (memberId, response["activateAccount.accessToken"]!.GetValue<string>(), email);
    }

    public static IReadOnlyList<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();
}
