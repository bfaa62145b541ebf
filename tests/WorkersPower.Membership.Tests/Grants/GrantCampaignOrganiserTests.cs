using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Grants;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;
using static WorkersPower.Membership.Tests.AMember;
using static WorkersPower.Membership.Tests.Grants.AGrant;

namespace WorkersPower.Membership.Tests.Grants;

/// <summary>
/// GrantCampaignOrganiser's rule (Campaigns' command: a launch, or the migration of who ran a campaign), Given the member,
/// their account and grants / When the command / Then one grant or nothing. No database.
/// </summary>
public sealed class GrantCampaignOrganiserTests
{
    private static readonly Guid Launcher = Guid.NewGuid();

    private static Account AccountWith(params string[] roles) => new() { Id = Guid.NewGuid(), MemberId = Member, Roles = [.. roles] };

    private static GrantCampaignOrganiser Command(bool onlyIfOrganiser = false, Guid? campaign = null, string reason = "Launched the campaign") =>
        new(Member, campaign ?? Campaign, Launcher, reason, onlyIfOrganiser);

    private static Decision When(GrantCampaignOrganiser command, MemberProfile? member = null, Account? account = null, params RoleGrant[] grants) =>
        CampaignOrganiserGrant.Decide(command, member ?? With(), account ?? AccountWith(Roles.Member, Roles.Organiser), grants, Now);

    [Fact]
    public void The_launcher_gets_CAMPAIGN_ORGANISER_on_the_campaign_without_end_by_whoever_caused_it() =>
        When(Command()).Events.ShouldBe([new RoleGranted(CampaignOrganiserGrant.IdOf(Member, Campaign), Member, Roles.CampaignOrganiser,
            GrantScope.OfCampaign(Campaign), Now, null, Launcher, "Launched the campaign", Now)]);

    [Fact]
    public void The_grant_id_is_one_per_member_and_campaign_the_migrations_own()
    {
        CampaignOrganiserGrant.IdOf(Member, Campaign).ShouldBe(LegacyRoles.GrantIdOf(Member, Roles.CampaignOrganiser, GrantScope.OfCampaign(Campaign)));
        CampaignOrganiserGrant.IdOf(Member, OtherCampaign).ShouldNotBe(CampaignOrganiserGrant.IdOf(Member, Campaign));
        CampaignOrganiserGrant.IdOf(Guid.NewGuid(), Campaign).ShouldNotBe(CampaignOrganiserGrant.IdOf(Member, Campaign));
    }

    [Fact]
    public void A_member_missing_erased_or_without_an_account_gets_nothing()
    {
        CampaignOrganiserGrant.Decide(Command(), null, AccountWith(Roles.Organiser), [], Now).ShouldBe(Decision.Unchanged);
        When(Command(), Erased).ShouldBe(Decision.Unchanged);
        CampaignOrganiserGrant.Decide(Command(), With(), null, [], Now).ShouldBe(Decision.Unchanged);
    }

    [Fact]
    public void A_second_message_grants_nothing_more_even_after_the_first_grant_ended()
    {
        var first = Grant(When(Command()).Events.OfType<RoleGranted>().Single());
        When(Command(), grants: first).ShouldBe(Decision.Unchanged); // the outbox copy of a launch, a migration run again
        var revoked = Grant(When(Command()).Events.OfType<RoleGranted>().Single(), RevokedAt(Now.AddMinutes(-1)));
        When(Command(), grants: revoked).ShouldBe(Decision.Unchanged); // a late copy never undoes an admin's revocation
    }

    [Fact]
    public void An_active_grant_on_the_campaign_made_otherwise_is_enough_but_one_on_another_campaign_or_ended_is_not()
    {
        When(Command(), grants: Grant(Roles.CampaignOrganiser, OnCampaign)).ShouldBe(Decision.Unchanged); // an admin granted it already
        When(Command(), grants: Grant(Roles.CampaignOrganiser, GrantScope.OfCampaign(OtherCampaign))).Events.Count.ShouldBe(1);
        When(Command(), grants: Grant(Issued(Roles.CampaignOrganiser, OnCampaign), RevokedAt(Now.AddHours(-1)))).Events.Count.ShouldBe(1);
        When(Command(), grants: Grant(Roles.CampaignOrganiser, OnCampaign, until: Now.AddSeconds(-1))).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void Only_if_organiser_asks_for_ORGANISER_or_ADMIN_on_the_account_or_by_an_active_grant()
    {
        var migrated = Command(onlyIfOrganiser: true);
        When(migrated, account: AccountWith(Roles.Member, Roles.Organiser)).Events.Count.ShouldBe(1);
        When(migrated, account: AccountWith(Roles.Admin)).Events.Count.ShouldBe(1);
        When(migrated, account: AccountWith(Roles.Member), grants: Grant(Roles.Organiser, OnBranch)).Events.Count.ShouldBe(1);
        When(migrated, account: AccountWith(Roles.Member), grants: Grant(Roles.Admin)).Events.Count.ShouldBe(1);

        // no longer an organiser: ORGANISER revoked, a grant ended, or roles that do not run campaigns
        When(migrated, account: AccountWith(Roles.Member)).ShouldBe(Decision.Unchanged);
        When(migrated, account: AccountWith(Roles.Member, Roles.Treasurer, Roles.Editor), grants: Grant(Roles.Treasurer)).ShouldBe(Decision.Unchanged);
        When(migrated, account: AccountWith(Roles.Member), grants: Grant(Issued(Roles.Organiser, OnBranch), RevokedAt(Now.AddDays(-1)))).ShouldBe(Decision.Unchanged);
        When(migrated, account: AccountWith(Roles.Member), grants: Grant(Roles.CampaignOrganiser, GrantScope.OfCampaign(OtherCampaign))).ShouldBe(Decision.Unchanged);

        // a launch does not ask
        When(Command(), account: AccountWith(Roles.Member)).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void The_reason_is_kept_cleaned_and_a_blank_one_is_none()
    {
        When(Command(reason: "  Launched the campaign ")).Events.OfType<RoleGranted>().Single().Reason.ShouldBe("Launched the campaign");
        When(Command(reason: " ")).Events.OfType<RoleGranted>().Single().Reason.ShouldBeNull();
    }
}
