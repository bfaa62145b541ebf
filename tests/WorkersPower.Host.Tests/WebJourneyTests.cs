using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// A new person's whole way in, end to end, in a real headless Chromium (tests/conformance/journey.mjs) against the
/// real host with mail on: the join form found from the home page, approval by an organiser of the branch (through the
/// API), activation from the invitation mail's link, sign-in, participation changed, a sign-up seen live by a second
/// browser on the campaign page, the data downloaded, signed out.
/// </summary>
public sealed class WebJourneyTests(RealMailFixture fixture) : IClassFixture<RealMailFixture>
{
    private const string Password = "clara's long passphrase";

    private static async Task<Func<string, string>> RunAsync(RealMailFixture fixture, string shots, params string[] arguments)
    {
        var (exitCode, text) = await NodeScript.RunAsync("journey.mjs", [fixture.ServerAddress!.ToString(), shots, .. arguments]);
        exitCode.ShouldBe(0, text);
        var lines = text.Split('\n');
        lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
        lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
        foreach (var axe in lines.Where(l => l.StartsWith("AXE ", StringComparison.Ordinal))) axe.ShouldEndWith(" none", Case.Sensitive, text);
        return prefix => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");
    }

    [Fact]
    public async Task In_chromium_a_new_person_applies_is_approved_activates_signs_in_changes_participation_signs_up_seen_live_downloads_their_data_and_signs_out()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branchName = $"Archway {Guid.NewGuid():N}"[..16];
        var branchId = await MembershipApi.CreateBranchAsync(fixture.Client, admin, branchName);
        var organiser = await MemberApi.JoinAsync(fixture, branchId, "ORGANISER");
        var campaign = await WebData.LaunchCampaignAsync(fixture.Client, organiser.Token, "Defend the depot", "Drivers and passengers together.", 50);
        var action = $"Depot gate leafleting {Guid.NewGuid():N}"[..28];
        var starts = DateTimeOffset.UtcNow.AddDays(3);
        var scheduled = await fixture.Client.PostAsync("mutation($input: ScheduleActionInput!) { scheduleAction(input: $input) { action { id } errors { code message } } }",
            new { input = new { campaignId = campaign.Id, kind = "STALL", title = action, startsAt = starts, endsAt = starts.AddHours(2), location = "Archway bus depot", capacity = 12 } }, organiser.Token);
        scheduled.UserErrors("scheduleAction").ShouldBeEmpty(scheduled.Body);
        var email = MembershipApi.UniqueEmail("journey");
        var shots = Directory.CreateTempSubdirectory("wp-web-journey-").FullName;
        try
        {
            // 1. in the browser: from the home page to the join form, and the application sent
            var apply = await RunAsync(fixture, shots, "apply", email, branchId);
            apply("APPLIED").ShouldContain("Thank you: your application is in");
            apply("APPLIED").ShouldContain(email);

            // 2. the branch's organiser approves it (through the API); the invitation goes by mail
            var pending = await fixture.Client.DataAsync("{ membershipApplications(first: 100) { nodes { id email branch { id } } } }", token: organiser.Token);
            var application = pending["membershipApplications"]!["nodes"]!.AsArray().Single(n => n!["email"]!.GetValue<string>() == email)!;
            application["branch"]!["id"]!.GetValue<string>().ShouldBe(branchId);
            var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId = application["id"]!.GetValue<string>(), branchId } }, organiser.Token);
            approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
            approved["approveMembershipApplication.invitationToken"].ShouldBeNull("with mail on the token travels only by mail");
            var invitation = (await fixture.Catcher.WaitForAsync(m => m.EnvelopeTo.Contains(email, StringComparer.OrdinalIgnoreCase)
                && m.Links.Any(l => l.StartsWith(MailFixture.PublicUrl + "/activate?token=", StringComparison.Ordinal))))[0];
            var activate = new Uri(invitation.Links.First(l => l.StartsWith(MailFixture.PublicUrl + "/activate?token=", StringComparison.Ordinal))).PathAndQuery;

            // 3. in the browser again: the link, sign in, participation, the campaign (watched live), the data, sign out
            var member = await RunAsync(fixture, shots, "member", activate, email, Password, campaign.Title, action);
            member("ACTIVATED").ShouldStartWith("ACTIVATED Your account is active | ");
            member("ACTIVATED").ShouldContain("Sign out");
            member("SIGNEDIN").ShouldContain("Clara | Sign out");
            member("PARTICIPATION").ShouldMatch(".* (is|are) saved.*");
            member("WATCHING").ShouldContain("0 sign-ups");
            member("SIGNEDUP").ShouldContain("11 places left");
            member("LIVE").ShouldContain("1 sign-up ");
            member("LIVE").ShouldEndWith("reloaded=false");
            member("DOWNLOAD").ShouldEndWith("json=true email=true");
            member("SIGNEDOUT").ShouldContain("Sign in");
            member("SIGNEDOUT").ShouldEndWith("token=null");

            // what the browser did is what the server holds
            var signIn = await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email, password = Password } });
            signIn.UserErrors("signIn").ShouldBeEmpty(signIn.Body);
            var me = await fixture.Client.DataAsync("{ me { status workplace interests branch { id } } }", token: signIn["signIn.accessToken"]!.GetValue<string>());
            me["me"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
            me["me"]!["workplace"]!.GetValue<string>().ShouldBe("Archway depot");
            me["me"]!["branch"]!["id"]!.GetValue<string>().ShouldBe(branchId);
            MembershipApi.Strings(me["me"]!["interests"]).ShouldBe(["rank-and-file", "anti-fascism"], ignoreOrder: true);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }
}
