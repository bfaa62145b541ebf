using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Shouldly;
using WorkersPower.Membership.Contracts;

namespace WorkersPower.Testing;

/// <summary>Test-only: refuses every MemberRenamed, so the message (which carries the new name) ends as a dead letter.</summary>
public static class RenameRefusingProbe
{
    public static void Handle(MemberRenamed message) =>
        throw new InvalidOperationException($"The probe refuses renames (member {message.MemberId}).");
}

/// <summary>A host whose MemberRenamed messages are dead-lettered by <see cref="RenameRefusingProbe"/>, for erasure tests.</summary>
public class ErasureFixture : PlatformFixture
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureWolverine(o => o.Discovery.IncludeType(typeof(RenameRefusingProbe)));
}

/// <summary>
/// The hard cases of an erasure, made through the API: a person whose data sits everywhere it can. Any module's
/// erasure test creates one, erases it and calls <see cref="PersonalDataScan.ShouldHoldNoneAsync"/> with
/// <see cref="Person.Needles"/>; a new feature that stores personal data adds its own case here.
/// </summary>
public static class ErasureScenario
{
    public sealed record Person(string MemberId, string GivenName, string FamilyName, string RenamedFamilyName, string FirstEmail, string Email, string Phone, string PendingApplicationId)
    {
        /// <summary>Everything personal of theirs the database must not hold after the erasure.</summary>
        public IReadOnlyList<string> Needles => [GivenName, FamilyName, RenamedFamilyName, FirstEmail, Email, Phone];
    }

    private static string Letters(int n) => new(Enumerable.Range(0, n).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());

    /// <summary>
    /// An earlier application rejected; a second approved and the account activated; a rename (its MemberRenamed
    /// dead-lettered under <see cref="ErasureFixture"/>) and a new email; sign-ups, a check-in and a notice of a
    /// cancelled action; reads of their personal data recorded; resignation; a pending re-application.
    /// </summary>
    public static async Task<Person> CreateAsync(PlatformFixture fixture)
    {
        var client = fixture.Client;
        var admin = await fixture.AdminTokenAsync();
        var branch = await fixture.BranchAsync();
        var given = "Ysolde" + Letters(8);
        var family = "Quarrington" + Letters(8);
        var renamed = "Vellacott" + Letters(8);
        var firstEmail = MembershipApi.UniqueEmail("erasable");
        var email = MembershipApi.UniqueEmail("erasable-new");
        var phone = $"+44 7700 {Random.Shared.Next(100000, 999999)}";

        Dictionary<string, object?> Application(string address, string familyName)
        {
            var a = MembershipApi.Application(address, given, familyName);
            a["phone"] = phone;
            return a;
        }

        // an earlier application, rejected
        var first = await client.PostAsync(MembershipApi.Apply, new { input = Application(firstEmail, family) });
        first.UserErrors("applyForMembership").ShouldBeEmpty(first.Body);
        var rejected = await client.PostAsync(MembershipApi.Reject, new { input = new { applicationId = first["applyForMembership.application.id"]!.GetValue<string>(), reason = "Incomplete" } }, admin);
        rejected.UserErrors("rejectMembershipApplication").ShouldBeEmpty(rejected.Body);

        // the second, approved; the account activated
        var second = await client.PostAsync(MembershipApi.Apply, new { input = Application(firstEmail, family) });
        second.UserErrors("applyForMembership").ShouldBeEmpty(second.Body);
        var (memberId, invitation) = await MembershipApi.ApproveAsync(client, admin, second["applyForMembership.application.id"]!.GetValue<string>(), branch);
        var activated = await client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = invitation, password = MemberApi.Password } });
        activated.UserErrors("activateAccount").ShouldBeEmpty(activated.Body);
        var token = activated["activateAccount.accessToken"]!.GetValue<string>();

        // moved to another branch and back, the reasons naming them (the history keeps transfer reasons)
        var elsewhere = await MembershipApi.CreateBranchAsync(client, admin);
        foreach (var (into, why) in new[] { (elsewhere, $"{given} {family} moved for work"), (branch, $"{given} {family} came back") })
        {
            var moved = await MemberApi.MutateAsync(fixture, "transferMember", "TransferMemberInput", new { memberId, branchId = into, reason = why }, admin);
            moved.UserErrors("transferMember").ShouldBeEmpty(moved.Body);
        }

        // renamed, with a new email asked for
        var update = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { familyName = renamed, email }, token, "member { id }");
        update.UserErrors("updateMyProfile").ShouldBeEmpty(update.Body);
        // the new email waits for confirmation (pendingEmail): the first one stays the sign-in email
        token = (await client.PostAsync(MembershipApi.SignIn, new { input = new { email = firstEmail, password = MemberApi.Password } }))["signIn.accessToken"]!.GetValue<string>();

        // campaigns: signed up for two actions, checked in at one, told the other was cancelled
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        var launched = await client.PostAsync("mutation($input: LaunchCampaignInput!) { launchCampaign(input: $input) { campaign { id } errors { code message } } }",
            new { input = new { title = $"Erasure {Letters(6)}", summary = "Why we fight." } }, organiser.Token);
        launched.UserErrors("launchCampaign").ShouldBeEmpty(launched.Body);
        var campaignId = launched["launchCampaign.campaign.id"]!.GetValue<string>();
        var actions = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var starts = DateTimeOffset.UtcNow.AddDays(3 + i);
            var scheduled = await client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
                new { input = new { campaignId, kind = "PICKET", title = "Picket", startsAt = starts, endsAt = starts.AddHours(2), location = "The gate" } }, organiser.Token);
            scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
            actions.Add(scheduled["scheduleAction.action.id"]!.GetValue<string>());
        }
        foreach (var actionId in actions)
        {
            var signedUp = await client.PostAsync("mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code message } } }", new { input = new { actionId } }, token);
            signedUp.UserErrors("signUpForAction").ShouldBeEmpty(signedUp.Body);
        }
        await EventuallyAsync(async () => (await client.PostAsync("mutation($input: CheckInAttendeeInput!) { checkInAttendee(input: $input) { errors { code } } }",
            new { input = new { actionId = actions[0], memberId } }, organiser.Token)).UserErrors("checkInAttendee").Count == 0, "the check-in never succeeded");
        var cancelled = await client.PostAsync("mutation($input: CancelActionInput!) { cancelAction(input: $input) { errors { code message } } }",
            new { input = new { actionId = actions[1], reason = "Rain" } }, organiser.Token);
        cancelled.UserErrors("cancelAction").ShouldBeEmpty(cancelled.Body);
        await EventuallyAsync(async () => (await client.DataAsync("{ viewer { member { notices(first: 10) { totalCount } } } }", null, token))
            ["viewer"]!["member"]!["notices"]!["totalCount"]!.GetValue<int>() > 0, "the notice of the cancelled action never came");

        // reads of their personal data, recorded
        (await MemberApi.MemberAsync(fixture, memberId, admin)).ShouldSucceed();
        (await client.PostAsync("query($id: ID!) { node(id: $id) { ... on CampaignAction { signUps(first: 10) { totalCount nodes { displayName } } } } }",
            new { id = actions[0] }, organiser.Token)).ShouldSucceed();

        // the rename's message dead-lettered (it carries the new name)
        await EventuallyAsync(async () => (await client.DataAsync("{ deadLetters(first: 100) { nodes { messageType } } }", null, admin))
            ["deadLetters"]!["nodes"]!.AsArray().Any(n => n!["messageType"]!.GetValue<string>().Contains("MemberRenamed")), "the rename was never dead-lettered");

        // resigned, then a pending re-application
        var resigned = await MemberApi.MutateAsync(fixture, "resignMembership", "ResignMembershipInput", new { reason = "Moving abroad" }, token);
        resigned.UserErrors("resignMembership").ShouldBeEmpty(resigned.Body);
        var again = await client.PostAsync(MembershipApi.Apply, new { input = Application(email, renamed) });
        again.UserErrors("applyForMembership").ShouldBeEmpty(again.Body);

        return new Person(memberId, given, family, renamed, firstEmail, email, phone, again["applyForMembership.application.id"]!.GetValue<string>());
    }

    /// <summary>Erases the person as an admin.</summary>
    public static async Task EraseAsync(PlatformFixture fixture, Person person)
    {
        var erased = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { erasedMemberId errors { code message } } }",
            new { input = new { memberId = person.MemberId } }, await fixture.AdminTokenAsync());
        erased.UserErrors("eraseMember").ShouldBeEmpty(erased.Body);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure);
            await Task.Delay(200);
        }
    }
}
