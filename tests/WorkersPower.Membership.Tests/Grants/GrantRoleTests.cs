using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>Issuing a grant's rules, Given the member and their grants / When an admin grants / Then a grant or a refusal. No database.</summary>
public sealed class GrantRoleTests
{
    private static readonly Guid NewGrant = Guid.NewGuid();

    private static GrantRole Command(string role, Guid? branch = null, Guid? campaign = null, DateTimeOffset? until = null, string? reason = null, Actor? actor = null) =>
        new(NewGrant, Member, role, branch, campaign, until, reason, actor ?? Admin);

    private static Decision When(GrantRole command, MemberProfile? member = null, bool hasAccount = true, bool scopeExists = true, params RoleGrant[] grants) =>
        command.Decide(member ?? With(), hasAccount, scopeExists, grants, Now);

    [Fact]
    public void An_admin_grants_a_role_on_a_branch_until_a_date_saying_why() =>
        When(Command(Roles.Organiser, branch: Branch, until: Now.AddDays(3), reason: "  Conference steward ")).Events
            .ShouldBe([new RoleGranted(NewGrant, Member, Roles.Organiser, GrantScope.OfBranch(Branch), Now, Now.AddDays(3), Admin.AccountId, "Conference steward", Now)]);

    [Fact]
    public void Without_a_scope_the_grant_is_organisation_wide_and_without_end() =>
        When(Command(Roles.Editor)).Events.ShouldBe([new RoleGranted(NewGrant, Member, Roles.Editor, GrantScope.Organisation, Now, null, Admin.AccountId, null, Now)]);

    [Fact]
    public void Only_admins_grant()
    {
        When(Command(Roles.Treasurer, actor: Organiser)).ShouldBeDenied();
        When(Command(Roles.Treasurer, actor: Treasurer)).ShouldBeDenied();
    }

    [Fact]
    public void The_member_exists_is_not_erased_and_has_an_account()
    {
        When(Command(Roles.Editor), Erased).ShouldBeNotFound();
        new GrantRole(NewGrant, Member, Roles.Editor, null, null, null, null, Admin).Decide(null, true, true, [], Now).ShouldBeNotFound();
        var noAccount = When(Command(Roles.Editor), hasAccount: false).Refusal();
        noAccount.Code.ShouldBe(ErrorCodes.NotFound);
        noAccount.Field.ShouldBe(["input", "memberId"]);
    }

    [Theory]
    [InlineData("ORGANISER", "organisation", null)]
    [InlineData("ORGANISER", "branch", null)]
    [InlineData("ORGANISER", "campaign", "input.campaignId")]
    [InlineData("TREASURER", "organisation", null)]
    [InlineData("TREASURER", "branch", null)]
    [InlineData("TREASURER", "campaign", "input.campaignId")]
    [InlineData("CAMPAIGN_ORGANISER", "campaign", null)]
    [InlineData("CAMPAIGN_ORGANISER", "organisation", "input.campaignId")]
    [InlineData("CAMPAIGN_ORGANISER", "branch", "input.branchId")]
    [InlineData("EDITOR", "organisation", null)]
    [InlineData("EDITOR", "branch", "input.branchId")]
    [InlineData("EDITOR", "campaign", "input.campaignId")]
    [InlineData("ADMIN", "organisation", null)]
    [InlineData("ADMIN", "branch", "input.branchId")]
    [InlineData("MEMBER", "organisation", "input.role")]
    [InlineData("MEMBER", "campaign", "input.role")]
    public void Each_role_takes_its_scopes(string role, string scope, string? faultyField)
    {
        var decision = When(Command(role, branch: scope == "branch" ? Branch : null, campaign: scope == "campaign" ? Campaign : null));
        if (faultyField is null) decision.Events.ShouldHaveSingleItem().ShouldBeOfType<RoleGranted>().Role.ShouldBe(role);
        else
        {
            var error = decision.Refusal();
            (error.Code, string.Join('.', error.Field!)).ShouldBe((ErrorCodes.Validation, faultyField));
        }
    }

    [Fact]
    public void An_unknown_role_or_two_scopes_at_once_are_refused()
    {
        When(Command("OWNER")).Refusal().Field.ShouldBe(["input", "role"]);
        When(Command(Roles.Organiser, branch: Branch, campaign: Campaign)).Refusal().Field.ShouldBe(["input", "campaignId"]);
    }

    [Fact]
    public void The_end_is_after_now()
    {
        When(Command(Roles.Editor, until: Now)).Refusal().Field.ShouldBe(["input", "until"]);
        When(Command(Roles.Editor, until: Now.AddDays(-1))).Refusal().Field.ShouldBe(["input", "until"]);
        When(Command(Roles.Editor, until: Now.AddSeconds(1))).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void The_reason_is_optional_and_at_most_1000_characters()
    {
        When(Command(Roles.Editor, reason: new string('x', 1001))).Refusal().Field.ShouldBe(["input", "reason"]);
        When(Command(Roles.Editor, reason: new string('x', 1000))).Events.Count.ShouldBe(1);
        When(Command(Roles.Editor, reason: "   ")).Events.ShouldHaveSingleItem().ShouldBeOfType<RoleGranted>().Reason.ShouldBeNull();
    }

    [Fact]
    public void The_branch_or_campaign_exists()
    {
        var branch = When(Command(Roles.Organiser, branch: Branch), scopeExists: false).Refusal();
        (branch.Code, branch.Message).ShouldBe((ErrorCodes.NotFound, "There is no such branch."));
        branch.Field.ShouldBe(["input", "branchId"]);
        var campaign = When(Command(GrantRoles.CampaignOrganiser, campaign: Campaign), scopeExists: false).Refusal();
        (campaign.Code, campaign.Message).ShouldBe((ErrorCodes.NotFound, "There is no such campaign."));
        campaign.Field.ShouldBe(["input", "campaignId"]);
    }

    [Fact]
    public void An_identical_active_grant_is_refused()
    {
        var error = When(Command(Roles.Organiser, branch: Branch), grants: Grant(Roles.Organiser, OnBranch)).Refusal();
        error.Code.ShouldBe(ErrorCodes.InvalidState);
        When(Command(Roles.Editor), grants: Grant(Roles.Editor)).Refusal().Code.ShouldBe(ErrorCodes.InvalidState);
    }

    [Fact]
    public void The_same_role_on_another_scope_or_after_the_last_grant_ended_is_granted()
    {
        When(Command(Roles.Organiser, branch: OtherBranch), grants: Grant(Roles.Organiser, OnBranch)).Events.Count.ShouldBe(1);
        When(Command(Roles.Organiser), grants: Grant(Roles.Organiser, OnBranch)).Events.Count.ShouldBe(1);
        When(Command(Roles.Editor), grants: Grant(Issued(Roles.Editor), RevokedAt(Now.AddHours(-1)))).Events.Count.ShouldBe(1);
        When(Command(Roles.Editor), grants: Grant(Roles.Editor, until: Now)).Events.Count.ShouldBe(1);
        When(Command(Roles.Editor), grants: Grant(Issued(Roles.Editor, member: Guid.NewGuid()))).Events.Count.ShouldBe(1);
    }
}
