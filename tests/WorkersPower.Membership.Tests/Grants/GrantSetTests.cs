using WorkersPower.Membership.Grants;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>What a member's grants answer, Given the grants / When asked at an instant / Then the answer. No database.</summary>
public sealed class GrantSetTests
{
    private static GrantSet When(params RoleGrant[] grants) => new(grants, Now);

    [Fact]
    public void Only_active_grants_count()
    {
        var set = When(Grant(Roles.Editor), Grant(Issued(Roles.Treasurer), RevokedAt(Now.AddHours(-1))),
            Grant(Roles.Admin, until: Now), Grant(Issued(Roles.Organiser, from: Now.AddTicks(1))));
        set.Holds(Roles.Editor).ShouldBeTrue();
        set.Holds(Roles.Treasurer).ShouldBeFalse();
        set.Holds(Roles.Admin).ShouldBeFalse();
        set.Holds(Roles.Organiser).ShouldBeFalse();
    }

    [Fact]
    public void An_organiser_organises_the_branches_granted()
    {
        var set = When(Grant(Roles.Organiser, OnBranch), Grant(Roles.Organiser, GrantScope.OfBranch(Campaign)));
        set.Organises(Branch).ShouldBeTrue();
        set.Organises(Campaign).ShouldBeTrue();
        set.Organises(OtherBranch).ShouldBeFalse();
        When(Grant(Roles.Treasurer, OnBranch)).Organises(Branch).ShouldBeFalse();
    }

    [Fact]
    public void An_organisation_wide_organiser_or_an_admin_organises_every_branch()
    {
        When(Grant(Roles.Organiser)).Organises(OtherBranch).ShouldBeTrue();
        When(Grant(Roles.Admin)).Organises(OtherBranch).ShouldBeTrue();
    }

    [Fact]
    public void A_campaign_organiser_organises_that_campaign_only()
    {
        var set = When(Grant(GrantRoles.CampaignOrganiser, OnCampaign));
        set.OrganisesCampaign(Campaign).ShouldBeTrue();
        set.OrganisesCampaign(OtherCampaign).ShouldBeFalse();
        set.Organises(Branch).ShouldBeFalse();
        When(Grant(Roles.Admin)).OrganisesCampaign(OtherCampaign).ShouldBeTrue();
    }

    [Fact]
    public void A_branch_organiser_organises_a_campaign_only_of_their_branch()
    {
        var set = When(Grant(Roles.Organiser, OnBranch));
        set.OrganisesCampaign(Campaign).ShouldBeFalse();
        set.OrganisesCampaign(Campaign, OtherBranch).ShouldBeFalse();
        set.OrganisesCampaign(Campaign, Branch).ShouldBeTrue();
    }

    [Fact]
    public void A_treasurer_treasures_their_branch_or_every_branch()
    {
        var set = When(Grant(Roles.Treasurer, OnBranch));
        set.Treasures(Branch).ShouldBeTrue();
        set.Treasures(OtherBranch).ShouldBeFalse();
        When(Grant(Roles.Treasurer)).Treasures(OtherBranch).ShouldBeTrue();
        When(Grant(Roles.Admin)).Treasures(OtherBranch).ShouldBeTrue();
        When(Grant(Roles.Organiser, OnBranch)).Treasures(Branch).ShouldBeFalse();
    }

    [Fact]
    public void The_roles_are_the_distinct_roles_held_in_a_fixed_order() =>
        When(Grant(Roles.Admin), Grant(Roles.Organiser, OnBranch), Grant(Roles.Organiser, GrantScope.OfBranch(OtherBranch)),
                Grant(GrantRoles.CampaignOrganiser, OnCampaign), Grant(Roles.Editor, until: Now.AddTicks(-1)))
            .Roles.ShouldBe([Roles.Organiser, GrantRoles.CampaignOrganiser, Roles.Admin]);

    [Fact]
    public void The_answer_next_changes_at_the_soonest_end_of_an_active_grant()
    {
        When(Grant(Roles.Editor, until: Now.AddDays(3)), Grant(Roles.Treasurer, until: Now.AddHours(2)), Grant(Roles.Organiser),
                Grant(Roles.Admin, until: Now.AddHours(-1)))
            .EndsAt.ShouldBe(Now.AddHours(2));
        When(Grant(Roles.Organiser), Grant(Roles.Editor)).EndsAt.ShouldBeNull();
        When().Roles.ShouldBeEmpty();
    }

    [Fact]
    public void A_grant_ending_while_in_use_answers_yes_before_its_end_and_no_after()
    {
        var steward = Grant(Roles.Organiser, OnBranch, until: Now.AddHours(1));
        new GrantSet([steward], Now).Organises(Branch).ShouldBeTrue();
        new GrantSet([steward], Now.AddHours(1)).Organises(Branch).ShouldBeFalse();
        new GrantSet([steward], Now.AddHours(1)).Roles.ShouldBeEmpty();
    }
}
