using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Check-in is for the campaign's organisers and admins, and reveals nothing about ids outside the caller's view.</summary>
public sealed class CheckInAccessTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private static object Input(string actionId, string memberId) => new { input = new { actionId, memberId } };

    [Fact]
    public async Task Only_the_campaigns_organisers_and_admins_check_in_and_others_are_forbidden_whatever_the_id()
    {
        var launcher = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, launcher.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, launcher.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddMinutes(30));
        var signed = await fixture.MemberAsync();
        await CampaignsApi.SignUpAsync(fixture.Client, signed.Token, actionId);
        var unknown = Platform.GlobalId.Encode("Member", Guid.NewGuid());

        // an organiser of the same branch who has nothing to do with this campaign: FORBIDDEN, for a real id and an unknown one alike
        var outsider = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, signed.MemberId), outsider.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, unknown), outsider.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // they may not make themselves one of its organisers by scheduling an action; granted CAMPAIGN_ORGANISER on it, they are one
        (await fixture.Client.PostAsync(CampaignsApi.Schedule, CampaignsApi.ScheduleInput(campaignId), outsider.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        await CampaignsApi.GrantAsync(fixture, outsider.MemberId, campaignId);
        var byGrantee = await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, signed.MemberId), outsider.Token);
        byGrantee.UserErrors("checkInAttendee").ShouldBeEmpty(byGrantee.Body);
        byGrantee["checkInAttendee.action.attendanceCount"]!.GetValue<int>().ShouldBe(1);

        // the launcher; and an admin, who organises nothing here
        var walkIn = await fixture.MemberAsync();
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, walkIn.MemberId), launcher.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();
        var elsewhere = await fixture.MemberAsync(await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync()));
        var byAdmin = await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, elsewhere.MemberId), await fixture.AdminTokenAsync());
        byAdmin.UserErrors("checkInAttendee").ShouldBeEmpty(byAdmin.Body);
        byAdmin["checkInAttendee.action.attendanceCount"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task A_member_outside_the_organisers_view_is_answered_exactly_like_an_unknown_id()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId, startsAt: fixture.Clock.GetUtcNow().AddMinutes(30));
        var otherBranch = await MembershipApi.CreateBranchAsync(fixture.Client, await fixture.AdminTokenAsync());
        var stranger = await fixture.MemberAsync(otherBranch);
        var unknown = Platform.GlobalId.Encode("Member", Guid.NewGuid());

        var forStranger = await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, stranger.MemberId), organiser.Token);
        var forUnknown = await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, unknown), organiser.Token);
        forUnknown.UserErrors("checkInAttendee").Single().Code.ShouldBe("NOT_FOUND");
        forStranger.Body.ShouldBe(forUnknown.Body);

        // once the stranger takes part in the campaign (signs up for one of its actions), the organiser checks them in at any of them
        var other = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        (await CampaignsApi.SignUpAsync(fixture.Client, stranger.Token, other)).UserErrors("signUpForAction").ShouldBeEmpty();
        var taking = await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, stranger.MemberId), organiser.Token);
        taking.UserErrors("checkInAttendee").ShouldBeEmpty(taking.Body);

        // a walk-in of the organiser's own branch, signed up for nothing
        var neighbour = await fixture.MemberAsync();
        (await fixture.Client.PostAsync(CampaignsApi.CheckIn, Input(actionId, neighbour.MemberId), organiser.Token)).UserErrors("checkInAttendee").ShouldBeEmpty();
    }
}
