using System.Collections.Concurrent;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;
using Xunit.Abstractions;
using static WorkersPower.Faults.Tests.Workload;

namespace WorkersPower.Faults.Tests;

/// <summary>
/// The host is killed (SIGKILL) in the middle of work: approvals whose MemberJoined messages wait in the
/// durable inbox, sign-ups the asynchronous CampaignDay projection has not reached, actions whose reminders
/// are scheduled. A new host on the same database delivers every waiting message once, the projection
/// catches up with no gap and no double count, and each action keeps exactly one scheduled reminder.
/// </summary>
public sealed class HostKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Host_killed_mid_work_a_new_host_delivers_waiting_messages_once_and_the_projection_catches_up()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("faults_kill");
        try
        {
            await RunAsync(connectionString);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    private async Task RunAsync(string connectionString)
    {
        var first = await HostProcess.StartAsync(connectionString);
        string admin, branch, campaignId;
        var actions = new ConcurrentBag<string>();
        var members = new List<string>();
        try
        {
            admin = await first.SignInAdminAsync();
            branch = await MembershipApi.CreateBranchAsync(first.Client, admin);
            var launched = await first.Client.DataAsync(
                "mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code } } }",
                new { input = new { title = "Kill switch", summary = "Work goes on.", goal = 100 } }, admin);
            campaignId = launched["launchCampaign"]!["campaign"]!["id"]!.GetValue<string>();
            for (var i = 0; i < 10; i++) actions.Add(await ScheduleAsync(first.Client, admin, campaignId) ?? throw new InvalidOperationException("scheduling failed"));
            for (var i = 0; i < 6; i++) members.Add(await JoinAsync(first.Client, admin, branch));
        }
        catch
        {
            await first.DisposeAsync();
            throw;
        }

        // Work in flight: approvals (MemberJoined to Campaigns and Content), sign-ups and withdrawals (the async
        // CampaignDay projection), new actions (a scheduled reminder each).
        var approved = new ConcurrentBag<Guid>();
        var acknowledgedSignUps = 0;
        var acknowledgedWithdrawals = 0;
        using var stop = new CancellationTokenSource();
        var actionList = actions.ToList();
        var work = new List<Task>();
        for (var w = 0; w < 3; w++)
            work.Add(Loop(async () =>
            {
                var application = await first.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(MembershipApi.UniqueEmail("kill")) });
                if (application["applyForMembership.application.id"]?.GetValue<string>() is not { } id) return;
                var decision = await first.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = id, branchId = branch } }, admin);
                if (decision.Errors is null && decision["approveMembershipApplication.member.id"]?.GetValue<string>() is { } member)
                    approved.Add(GlobalId.TryDecode(member, "Member")!.Value);
            }, stop.Token));
        foreach (var token in members)
            work.Add(Loop(async () =>
            {
                foreach (var action in actionList)
                {
                    if (await Succeeded(first.Client, "signUpForAction", "mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code } } }", action, token))
                        Interlocked.Increment(ref acknowledgedSignUps);
                    if (await Succeeded(first.Client, "withdrawFromAction", "mutation($input: WithdrawFromActionInput!) { withdrawFromAction(input: $input) { errors { code } } }", action, token))
                        Interlocked.Increment(ref acknowledgedWithdrawals);
                }
            }, stop.Token));
        work.Add(Loop(async () =>
        {
            if (await ScheduleAsync(first.Client, admin, campaignId) is { } id) actions.Add(id);
        }, stop.Token));

        await Task.Delay(TimeSpan.FromSeconds(4));
        await first.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(work);
        await first.DisposeAsync();

        var waiting = await CountAsync(connectionString, "select count(*) from {0}.wolverine_incoming_envelopes where status = 'Incoming'");
        var behind = await ProjectionBehindAsync(connectionString);
        output.WriteLine($"at the kill: {approved.Count} approvals, {acknowledgedSignUps} sign-ups, {acknowledgedWithdrawals} withdrawals, {actions.Count} actions acknowledged; " +
                         $"{waiting} messages waiting in the durable inboxes; CampaignDay {behind} events behind");
        approved.Count.ShouldBeGreaterThan(0);
        acknowledgedSignUps.ShouldBeGreaterThan(0);

        await using var second = await HostProcess.StartAsync(connectionString);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ids = approved.ToArray();
        var reported = 0;
        while (true)
        {
            var copies = await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_campaignmember where id = any(@ids)", ids)
                       + await CountAsync(connectionString, "select count(*) from content.mt_doc_authorcopy where id = any(@ids)", ids);
            var stillWaiting = await CountAsync(connectionString, "select count(*) from {0}.wolverine_incoming_envelopes where status = 'Incoming'");
            var lag = await ProjectionBehindAsync(connectionString);
            if (copies == 2 * ids.Length && stillWaiting == 0 && lag == 0) break;
            if (clock.Elapsed.TotalSeconds >= reported + 5)
            {
                reported += 5;
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0} s: {copies} of {2 * ids.Length} member copies, {stillWaiting} messages waiting, CampaignDay {lag} events behind");
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
                throw new TimeoutException($"after 90 s: {copies} of {2 * ids.Length} member copies, {stillWaiting} messages waiting, CampaignDay {lag} events behind\n{second.Output}");
            await Task.Delay(250);
        }
        output.WriteLine($"the new host delivered everything and the projection caught up {clock.Elapsed.TotalSeconds:0.0} s after it was ready");

        // No gap, no double count: the asynchronous daily figures equal the events, which include every acknowledged change.
        var signUpEvents = await CountAsync(connectionString, "select count(*) from campaigns.mt_events where type = 'signed_up_for_action'");
        var withdrawalEvents = await CountAsync(connectionString, "select count(*) from campaigns.mt_events where type = 'withdrew_from_action'");
        signUpEvents.ShouldBeGreaterThanOrEqualTo(acknowledgedSignUps);
        withdrawalEvents.ShouldBeGreaterThanOrEqualTo(acknowledgedWithdrawals);
        var activity = await second.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Campaign { activity(days: 2) { signUps withdrawals } } } }", new { id = campaignId }, admin);
        var days = activity["node"]!["activity"]!.AsArray();
        days.Sum(d => d!["signUps"]!.GetValue<int>()).ShouldBe((int)signUpEvents);
        days.Sum(d => d!["withdrawals"]!.GetValue<int>()).ShouldBe((int)withdrawalEvents);

        // Every stored action has exactly one reminder waiting (a lost outbox message would leave none, a replayed one two).
        var storedActions = await CountAsync(connectionString, "select count(*) from campaigns.mt_doc_campaignaction");
        storedActions.ShouldBeGreaterThanOrEqualTo(actions.Count);
        var reminders = await ScheduledMessages.CountAsync(connectionString, "SendActionReminders", Schemas);
        reminders.ShouldBe(storedActions);
        (await CountAsync(connectionString, "select count(*) from {0}.wolverine_dead_letters")).ShouldBe(0);
        second.Output.ShouldNotContain("Unhandled exception in GraphQL field", Case.Sensitive, second.Output);
    }
}
