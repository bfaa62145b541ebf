using System.Text.Json.Nodes;
using WorkersPower.MailCatcher;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>People who join with mail on, through the real API.</summary>
internal static class MailMembers
{
    /// <summary>
    /// Apply, approve, activate (and grant <paramref name="roles"/>): with the invitation token from the approval's answer
    /// when it gives one, else from the invitation mail (mail on: the token travels only by mail).
    /// </summary>
    public static async Task<MemberApi.Person> JoinAsync(MailFixture fixture, params string[] roles) =>
        await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), roles);
}

/// <summary>An action with members signed up, driven through the real API, whose reminders and cancellation go by mail.</summary>
internal sealed class ActionMail(MailFixture fixture, MemberApi.Person organiser, string actionId)
{
    public const string Title = "Picket at the depot gate";
    public const string Location = "The depot gate, Bow Road";

    public string ActionId => actionId;

    /// <summary>An organiser launches a campaign and schedules an action three days out (so no reminder is due yet).</summary>
    public static async Task<ActionMail> ScheduleAsync(MailFixture fixture)
    {
        var organiser = await MailMembers.JoinAsync(fixture, "ORGANISER");
        var launch = await fixture.Client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
            new { input = new { title = $"Campaign {Guid.NewGuid():N}"[..20], summary = "Why we fight.", goal = 10 } }, organiser.Token);
        launch.UserErrors("launchCampaign").ShouldBeEmpty(launch.Body);
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        var schedule = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId = launch["launchCampaign.campaign.id"]!.GetValue<string>(), kind = "PICKET", title = Title, startsAt = starts, endsAt = starts.AddHours(2), location = Location } },
            organiser.Token);
        schedule.UserErrors("scheduleAction").ShouldBeEmpty(schedule.Body);
        return new ActionMail(fixture, organiser, schedule["scheduleAction.action.id"]!.GetValue<string>());
    }

    public async Task SignUpAsync(params MemberApi.Person[] members)
    {
        foreach (var member in members)
        {
            var response = await fixture.Client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }",
                new { input = new { actionId } }, member.Token);
            response.UserErrors("signUpForAction").ShouldBeEmpty(response.Body);
        }
    }

    /// <summary>Moves the action to start within the day: its reminders are due at once (the real path of a reminder).</summary>
    public async Task<DateTimeOffset> MoveCloserAsync(TimeSpan? startsIn = null)
    {
        var starts = DateTimeOffset.UtcNow.Add(startsIn ?? TimeSpan.FromHours(2));
        starts = new DateTimeOffset(starts.Ticks - starts.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var response = await fixture.Client.PostAsync("mutation($input: RescheduleActionInput!) { rescheduleAction(input: $input) { errors { code message } } }",
            new { input = new { actionId, startsAt = starts, endsAt = starts.AddHours(2) } }, organiser.Token);
        response.UserErrors("rescheduleAction").ShouldBeEmpty(response.Body);
        return starts;
    }

    public async Task CancelAsync(string reason)
    {
        var response = await fixture.Client.PostAsync("mutation($input: CancelActionInput!) { cancelAction(input: $input) { errors { code message } } }",
            new { input = new { actionId, reason } }, organiser.Token);
        response.UserErrors("cancelAction").ShouldBeEmpty(response.Body);
    }

    public static bool To(CaughtMail mail, MemberApi.Person member) => mail.EnvelopeTo.Contains(member.Email, StringComparer.OrdinalIgnoreCase);

    public static bool IsReminder(CaughtMail mail) => mail.Subject.StartsWith("Reminder: " + Title, StringComparison.Ordinal);

    public static bool IsCancellation(CaughtMail mail) => mail.Subject == "Cancelled: " + Title;

    /// <summary>The member's email preference and latest history entries, as they read them.</summary>
    public static async Task<(bool Email, JsonArray History)> MeAsync(PlatformFixture fixture, MemberApi.Person member)
    {
        var data = await fixture.Client.DataAsync("{ me { communicationPreferences { email } history(first: 5) { nodes { type summary } } } }", token: member.Token);
        return (data["me"]!["communicationPreferences"]!["email"]!.GetValue<bool>(), data["me"]!["history"]!["nodes"]!.AsArray());
    }
}
