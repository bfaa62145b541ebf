using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

/// <summary>Member.participation read by someone other than the member is recorded in Membership's audit.</summary>
public sealed class ParticipationAuditTests(CampaignsFixture fixture) : IClassFixture<CampaignsFixture>
{
    private const string Reads = "query($id: ID) { personalDataReads(memberId: $id, first: 5) { totalCount nodes { readerRoles reader { id } } } }";

    private const string Participation = "query($id: ID!) { node(id: $id) { ... on Member { participation { actionsSignedUp actionsAttended campaigns } } } }";

    private async Task<int> ReadCountAsync(string memberId) =>
        (await fixture.Client.DataAsync(Reads, new { id = memberId }, await fixture.AdminTokenAsync()))["personalDataReads"]!["totalCount"]!.GetValue<int>();

    [Fact]
    public async Task Reads_of_a_members_participation_by_organisers_and_admins_are_recorded_and_the_members_own_are_not()
    {
        var organiser = await fixture.OrganiserAsync();
        var (campaignId, _) = await CampaignsApi.LaunchAsync(fixture, organiser.Token);
        var actionId = await CampaignsApi.ScheduleAsync(fixture, organiser.Token, campaignId);
        var member = await fixture.MemberAsync();
        (await CampaignsApi.SignUpAsync(fixture.Client, member.Token, actionId)).UserErrors("signUpForAction").ShouldBeEmpty();
        var before = await ReadCountAsync(member.MemberId);

        var own = await fixture.Client.DataAsync("{ me { participation { actionsSignedUp } } }", token: member.Token);
        own["me"]!["participation"]!["actionsSignedUp"]!.GetValue<int>().ShouldBe(1);
        (await ReadCountAsync(member.MemberId)).ShouldBe(before);

        var byOrganiser = await fixture.Client.DataAsync(Participation, new { id = member.MemberId }, organiser.Token);
        byOrganiser["node"]!["participation"]!["actionsSignedUp"]!.GetValue<int>().ShouldBe(1);
        (await ReadCountAsync(member.MemberId)).ShouldBe(before + 1);
        var reads = (await fixture.Client.DataAsync(Reads, new { id = member.MemberId }, await fixture.AdminTokenAsync()))["personalDataReads"]!;
        reads["nodes"]![0]!["reader"]!["id"]!.GetValue<string>().ShouldBe(organiser.MemberId);

        // with a personal field of Membership's in the same request: still one record
        await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { email participation { campaigns } } } }", new { id = member.MemberId }, organiser.Token);
        (await ReadCountAsync(member.MemberId)).ShouldBe(before + 2);

        await fixture.Client.DataAsync(Participation, new { id = member.MemberId }, await fixture.AdminTokenAsync());
        (await ReadCountAsync(member.MemberId)).ShouldBe(before + 3);
    }
}
