using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Members updating themselves, downloading their data, and erasure.</summary>
public sealed class SelfServiceTests(MembershipFixture fixture) : IClassFixture<MembershipFixture>
{
    [Fact]
    public async Task A_member_updates_their_profile_and_a_new_email_waits_for_confirmation()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var newEmail = MembershipApi.UniqueEmail("renamed");
        var response = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput",
            new { givenName = "Rosalind", email = newEmail, phone = "", postcode = "m1 1aa" }, member.Token, "member { givenName familyName email pendingEmail phone postcode } message");
        response.UserErrors("updateMyProfile").ShouldBeEmpty();
        response["updateMyProfile.member.givenName"]!.GetValue<string>().ShouldBe("Rosalind");
        response["updateMyProfile.member.familyName"]!.GetValue<string>().ShouldBe("Worker");
        response["updateMyProfile.member.email"]!.GetValue<string>().ShouldBe(member.Email);
        response["updateMyProfile.member.pendingEmail"]!.GetValue<string>().ShouldBe(newEmail);
        response["updateMyProfile.message"].ShouldNotBeNull();
        response["updateMyProfile.member.phone"].ShouldBeNull();
        response["updateMyProfile.member.postcode"]!.GetValue<string>().ShouldBe("M1 1AA");

        // until confirmation by a link (with the platform's mail), the current email stays in force
        var old = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } });
        old.UserErrors("signIn").ShouldBeEmpty();
        var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = newEmail, password = MemberApi.Password } });
        signIn.UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var bad = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = "nope", givenName = "" }, member.Token);
        bad.UserErrors("updateMyProfile").Select(e => e.Field).ShouldBe(["input.givenName", "input.email"], ignoreOrder: true);
        (await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { givenName = "X" }))
            .ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task A_member_updates_participation_and_communication_preferences()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var p = await MemberApi.MutateAsync(fixture, "updateMyParticipation", "UpdateMyParticipationInput",
            new { union = "GMB", interests = new[] { "housing", "anti-fascism" }, availability = "Weekends" }, member.Token,
            "member { union workplace interests availability }");
        p.UserErrors("updateMyParticipation").ShouldBeEmpty();
        p["updateMyParticipation.member.union"]!.GetValue<string>().ShouldBe("GMB");
        p["updateMyParticipation.member.workplace"]!.GetValue<string>().ShouldBe("Depot");
        MembershipApi.Strings(p["updateMyParticipation.member.interests"]).ShouldBe(["housing", "anti-fascism"]);
        var tooMany = await MemberApi.MutateAsync(fixture, "updateMyParticipation", "UpdateMyParticipationInput",
            new { interests = Enumerable.Range(0, 21).Select(i => $"i{i}").ToArray() }, member.Token, "member { id }");
        tooMany.UserErrors("updateMyParticipation").Single().Field.ShouldBe("input.interests");

        var c = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput",
            new { email = false, sms = true, post = false }, member.Token, "member { communicationPreferences { email sms post } }");
        c["updateMyCommunicationPreferences.member.communicationPreferences.sms"]!.GetValue<bool>().ShouldBeTrue();
        c["updateMyCommunicationPreferences.member.communicationPreferences.email"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_member_downloads_everything_held_about_them()
    {
        var member = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync());
        var data = await fixture.Client.DataAsync("{ exportMyData }", token: member.Token);
        using var export = JsonDocument.Parse(data["exportMyData"]!.GetValue<string>());
        var root = export.RootElement;
        root.GetProperty("profile").GetProperty("email").GetString().ShouldBe(member.Email);
        root.GetProperty("account").GetProperty("roles")[0].GetString().ShouldBe("MEMBER");
        root.GetProperty("applications").GetArrayLength().ShouldBe(1);
        root.GetProperty("history").GetArrayLength().ShouldBe(5); // joined, the join form's two consents, invited, activated
        root.GetProperty("contributions").GetProperty("payments").GetArrayLength().ShouldBe(0);
        (await fixture.Client.PostAsync("{ exportMyData }")).ErrorCodes.ShouldBe(["UNAUTHENTICATED"]);
    }

    [Fact]
    public async Task Erasure_removes_personal_data_from_documents_and_events_and_keeps_totals()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var member = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await fixture.Client.PostAsync("mutation($input: RecordContributionPaymentInput!) { recordContributionPayment(input: $input) { errors { code } } }",
            new { input = new { memberId = member.MemberId, amount = new { amount = "20", currency = "GBP" }, paidOn = today, reference = "ROSA WORKER SO" } }, treasurer.Token))
            .UserErrors("recordContributionPayment").ShouldBeEmpty();

        var erase = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { erasedMemberId errors { code } } }",
            new { input = new { memberId = member.MemberId } }, admin);
        erase.UserErrors("eraseMember").ShouldBeEmpty();
        erase["eraseMember.erasedMemberId"]!.GetValue<string>().ShouldBe(member.MemberId);
        var again = await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = member.MemberId } }, admin);
        again.UserErrors("eraseMember").Single().Code.ShouldBe("INVALID_STATE");

        var node = MemberApi.Node(await MemberApi.MemberAsync(fixture, member.MemberId, admin, "givenName familyName email postcode erased history(first: 1) { nodes { type } }"));
        node["givenName"]!.GetValue<string>().ShouldBe("Erased");
        node["email"]!.GetValue<string>().ShouldBe("");
        node["erased"]!.GetValue<bool>().ShouldBeTrue();
        node["history"]!["nodes"]![0]!["type"]!.GetValue<string>().ShouldBe("ERASED");

        // the account is gone
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } }))
            .UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        // the branch's totals survive
        var totals = await fixture.Client.DataAsync("query($id: ID!) { branch(id: $id) { contributionTotals { total { amount } } } }", new { id = branch }, admin);
        totals["branch"]!["contributionTotals"]![0]!["total"]!["amount"]!.GetValue<string>().ShouldBe("20");

        // nothing personal is left in the stored events or documents (the masking runs right after the erasure commits)
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var email = member.Email.ToLowerInvariant();
        string[] checks =
        [
            $"select count(*) from membership.mt_events where lower(data::text) like '%{email}%' or data::text like '%ROSA WORKER SO%'",
            $"select count(*) from membership.mt_doc_memberprofile where lower(data::text) like '%{email}%'",
            $"select count(*) from membership.mt_doc_membershipapplication where lower(data::text) like '%{email}%'",
            $"select count(*) from membership.mt_doc_account where lower(data::text) like '%{email}%'",
            "select count(*) from membership.mt_doc_contributionpayment where data::text like '%ROSA WORKER SO%'",
        ];
        List<string> left;
        do
        {
            await Task.Delay(100);
            left = [];
            foreach (var check in checks)
                if (await CountAsync(check) > 0) left.Add(check);
        }
        while (left.Count > 0 && DateTime.UtcNow < deadline);
        left.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_admins_erase()
    {
        var branch = await fixture.BranchAsync();
        var member = await MemberApi.JoinAsync(fixture, branch);
        var organiser = await MemberApi.JoinAsync(fixture, branch, "ORGANISER");
        (await fixture.Client.PostAsync("mutation($input: EraseMemberInput!) { eraseMember(input: $input) { errors { code } } }", new { input = new { memberId = member.MemberId } }, organiser.Token))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
