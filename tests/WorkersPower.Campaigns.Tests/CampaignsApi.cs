using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Testing;

namespace WorkersPower.Campaigns.Tests;

public static class CampaignsApi
{
    public const string Launch = "mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id slug title status goal } errors { code message field } } }";
    public const string Schedule = "mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id title startsAt capacity placesLeft signUpCount status } errors { code message field } } }";
    public const string SignUp = "mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { action { id signUpCount placesLeft mySignUp } errors { code message field } } }";
    public const string Withdraw = "mutation($input: WithdrawFromActionInput!) { withdrawFromAction(input: $input) { action { id signUpCount mySignUp } errors { code message field } } }";
    public const string Cancel = "mutation($input: CancelActionInput!) { cancelAction(input: $input) { action { id status cancelReason } errors { code message field } } }";
    public const string CheckIn = "mutation($input: CheckInAttendeeInput!) { checkInAttendee(input: $input) { action { id attendanceCount } errors { code message field } } }";
    public const string Progress = "query($slug: String!) { campaign(slug: $slug) { progress { actionsScheduled signUps attendances participants goal } } }";

    public static async Task<(string Id, string Slug)> LaunchAsync(PlatformFixture fixture, string token, string? title = null, int? goal = 100)
    {
        var response = await fixture.Client.PostAsync(Launch, new { input = new { title = title ?? $"Campaign {Guid.NewGuid():N}"[..20], summary = "Why we fight.", goal } }, token);
        response.UserErrors("launchCampaign").ShouldBeEmpty(response.Body);
        return (response["launchCampaign.campaign.id"]!.GetValue<string>(), response["launchCampaign.campaign.slug"]!.GetValue<string>());
    }

    /// <summary>The variables of <see cref="Schedule"/>: a picket of two hours, in three days unless <paramref name="startsAt"/> says otherwise.</summary>
    public static object ScheduleInput(string campaignId, int? capacity = null, DateTimeOffset? startsAt = null, string? branchId = null)
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddDays(3);
        return new { input = new { campaignId, kind = "PICKET", title = "Picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate", capacity, branchId } };
    }

    public static async Task<string> ScheduleAsync(PlatformFixture fixture, string token, string campaignId, int? capacity = null, DateTimeOffset? startsAt = null, string? branchId = null)
    {
        var response = await fixture.Client.PostAsync(Schedule, ScheduleInput(campaignId, capacity, startsAt, branchId), token);
        response.UserErrors("scheduleAction").ShouldBeEmpty(response.Body);
        return response["scheduleAction.action.id"]!.GetValue<string>();
    }

    /// <summary>
    /// Makes the member CAMPAIGN_ORGANISER on the campaign as Campaigns asks Membership to (the contract command,
    /// in-process: grantRole with a campaign is the grants API's); their next request holds it.
    /// </summary>
    public static Task GrantAsync(PlatformFixture fixture, string memberId, string campaignId) =>
        fixture.Services.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync(new Membership.Contracts.GrantCampaignOrganiser(
            Platform.GlobalId.TryDecode(memberId, "Member")!.Value, Platform.GlobalId.TryDecode(campaignId, "Campaign")!.Value, Guid.Empty, "Test", OnlyIfOrganiser: false));

    public static Task<GraphQLResponse> SignUpAsync(GraphQLClient client, string token, string actionId) =>
        client.PostAsync(SignUp, new { input = new { actionId } }, token);

    public static JsonNode ProgressOf(JsonNode data) => data["campaign"]!["progress"]!;
}
