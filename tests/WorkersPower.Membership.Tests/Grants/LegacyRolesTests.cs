using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Members;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>The migration of today's roles, Given an account's roles, branch and campaigns / When migrated / Then the grants. No database.</summary>
public sealed class LegacyRolesTests
{
    private static IReadOnlyList<RoleGranted> When(string[] roles, params Guid[] campaigns) => LegacyRoles.ToGrants(Member, roles, Branch, campaigns, Now);

    private static (string, GrantScope) Of(RoleGranted g) => (g.Role, g.Scope);

    [Fact]
    public void Every_role_becomes_an_organisation_wide_grant_but_ORGANISER_a_grant_on_the_own_branch_and_MEMBER_none() =>
        When(["MEMBER", "ORGANISER", "TREASURER", "EDITOR", "ADMIN"]).Select(Of).ShouldBe([
            (Roles.Organiser, GrantScope.OfBranch(Branch)),
            (Roles.Treasurer, GrantScope.Organisation), (Roles.Editor, GrantScope.Organisation), (Roles.Admin, GrantScope.Organisation)]);

    [Fact]
    public void A_migrated_grant_starts_now_has_no_end_is_by_the_platform_and_says_where_it_came_from()
    {
        var grant = When(["EDITOR"]).ShouldHaveSingleItem();
        (grant.MemberId, grant.From, grant.Until, grant.By, grant.At).ShouldBe((Member, Now, (DateTimeOffset?)null, Actor.System, Now));
        grant.Reason.ShouldBe("Migrated from the organisation-wide role of 2026-11-28");
    }

    [Fact]
    public void An_organiser_organises_each_campaign_they_launched_or_scheduled_an_action_of() =>
        When(["MEMBER", "ORGANISER"], Campaign, OtherCampaign, Campaign).Select(Of).ShouldBe([
            (Roles.Organiser, GrantScope.OfBranch(Branch)),
            (GrantRoles.CampaignOrganiser, GrantScope.OfCampaign(Campaign)), (GrantRoles.CampaignOrganiser, GrantScope.OfCampaign(OtherCampaign))]);

    [Fact]
    public void Who_no_longer_holds_ORGANISER_does_not_organise_their_old_campaigns_as_today() =>
        When(["MEMBER", "EDITOR"], Campaign).Select(g => g.Role).ShouldBe([Roles.Editor]);

    [Fact]
    public void Unknown_roles_are_left_out() => When(["MEMBER", "OWNER", "EDITOR"]).Select(g => g.Role).ShouldBe([Roles.Editor]);

    [Fact]
    public void Migrating_again_gives_the_same_grant_ids_one_per_role_and_scope()
    {
        var first = When(["MEMBER", "ORGANISER", "ADMIN"], Campaign).Select(g => g.GrantId).ToList();
        LegacyRoles.ToGrants(Member, ["MEMBER", "ORGANISER", "ADMIN"], Branch, [Campaign], Now.AddDays(1)).Select(g => g.GrantId).ShouldBe(first);
        first.Distinct().Count().ShouldBe(3);
        LegacyRoles.ToGrants(Guid.NewGuid(), ["ADMIN"], Branch, [], Now).Single().GrantId.ShouldNotBeOneOf([.. first]);
    }

    [Fact]
    public void A_grant_starts_when_the_members_record_says_the_role_was_granted_and_is_recorded_now()
    {
        var since = new Dictionary<string, DateTimeOffset> { [Roles.Treasurer] = Now.AddMonths(-3), [Roles.Editor] = Now.AddDays(1) };
        var grants = LegacyRoles.ToGrants(Member, ["MEMBER", "TREASURER", "EDITOR", "ADMIN"], Branch, [], Now, since);
        grants.Select(g => (g.Role, g.From, g.At)).ShouldBe([
            (Roles.Treasurer, Now.AddMonths(-3), Now), (Roles.Editor, Now, Now), (Roles.Admin, Now, Now)]); // never after the migration
    }

    [Fact]
    public void The_record_says_a_role_was_granted_at_its_last_grant_not_revoked_since()
    {
        var by = Guid.NewGuid();
        var since = LegacyRoles.GrantedSince([
            new MemberRoleGranted(Member, Roles.Organiser, by, Now.AddDays(-30)),
            new MemberRoleGranted(Member, Roles.Editor, by, Now.AddDays(-20)),
            new MemberRoleRevoked(Member, Roles.Organiser, by, Now.AddDays(-10)),
            new MemberRoleRevoked(Member, Roles.Editor, by, Now.AddDays(-9)),
            new MemberRoleGranted(Member, Roles.Editor, by, Now.AddDays(-5)),
        ]);
        since.ShouldBe(new Dictionary<string, DateTimeOffset> { [Roles.Editor] = Now.AddDays(-5) });
    }
}
