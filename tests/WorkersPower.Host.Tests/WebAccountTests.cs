using Microsoft.Extensions.DependencyInjection;
using WorkersPower.MailCatcher;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Mail;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>A host on a real port with mail on (to the in-process catcher), for the browser to follow mails' links.</summary>
public sealed class RealMailFixture : MailFixture
{
    protected override bool UseRealServer => true;
}

/// <summary>
/// The account pages behind mails' links (/activate, /reset-password, /forgot-password, /confirm-email, /unsubscribe) and
/// /account/password, in a real headless Chromium (tests/conformance/account.mjs), following the links of real mails.
/// </summary>
public sealed class WebAccountTests(RealMailFixture fixture) : IClassFixture<RealMailFixture>
{
    /// <summary>The path and query of the link to <paramref name="path"/> in the newest mail to <paramref name="address"/> with this subject.</summary>
    private async Task<string> LinkAsync(string address, string subject, string path)
    {
        var mail = (await fixture.Catcher.WaitForAsync(m => m.EnvelopeTo.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Subject == subject))[^1];
        return new Uri(mail.Links.First(l => l.StartsWith(MailFixture.PublicUrl + path + "?token=", StringComparison.Ordinal))).PathAndQuery;
    }

    private async Task<Func<string, string>> RunAsync(string shots, params string[] arguments)
    {
        var (exitCode, text) = await NodeScript.RunAsync("account.mjs", [fixture.ServerAddress!.ToString(), shots, .. arguments]);
        exitCode.ShouldBe(0, text);
        var lines = text.Split('\n');
        lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
        lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
        lines.ShouldNotContain(l => l.StartsWith("FOREIGN", StringComparison.Ordinal), text);
        lines.ShouldNotContain(l => l.StartsWith("WIDE", StringComparison.Ordinal), text);
        foreach (var axe in lines.Where(l => l.StartsWith("AXE ", StringComparison.Ordinal))) axe.ShouldEndWith(" none", Case.Sensitive, text);
        return prefix => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");
    }

    private static void Screenshots(string shots, params string[] pages)
    {
        foreach (var page in pages)
        foreach (var size in new[] { "390x844", "1280x800" })
            new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000, page);
    }

    [Fact]
    public async Task In_chromium_a_new_member_activates_from_the_invitation_mail_changes_and_resets_their_password_confirms_a_new_address_and_unsubscribes()
    {
        NodeScript.RequireChromiumAndAxe();
        var email = MembershipApi.UniqueEmail("web-account");
        var applicationId = await MembershipApi.ApplyAsync(fixture.Client, email);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId = await fixture.BranchAsync() } }, await fixture.AdminTokenAsync());
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        var memberId = GlobalId.TryDecode(approved["approveMembershipApplication.member.id"]!.GetValue<string>(), "Member")!.Value;
        var activate = await LinkAsync(email, "Welcome to Workers Power: set your password", "/activate");
        var shots = Directory.CreateTempSubdirectory("wp-web-account-").FullName;
        try
        {
            // the invitation's link: activate (the rule explained while typing), change the password, sign in, ask for a reset
            var line = await RunAsync(shots, "activate", activate, email, "first passphrase 1917", "changed passphrase 1871");
            line("TOKENGONE activate").ShouldBe("TOKENGONE activate /activate");
            line("POLICY1").ShouldBe($"POLICY1 At least {PasswordPolicy.MinLength} characters long (now 3): not yet | At least four different characters: not yet | Not a common password, and not containing your email address (checked when you send it)");
            line("POLICY2").ShouldStartWith($"POLICY2 At least {PasswordPolicy.MinLength} characters long (now 10): done | At least four different characters: not yet");
            line("POLICY3").ShouldStartWith($"POLICY3 At least {PasswordPolicy.MinLength} characters long (now 10): done | At least four different characters: done");
            line("LIVE").ShouldBe("LIVE 2 of 2 rules met.");
            line("POLICY4").ShouldStartWith($"POLICY4 At least {PasswordPolicy.MinLength} characters long (now 132): done | At most {PasswordPolicy.MaxLength} characters long: not yet | ");
            line("SHOWN").ShouldBe("SHOWN text pressed=true");
            line("WEAK").ShouldBe($"WEAK {PasswordPolicy.Check("solidarity", null)} | focused=password");
            line("ACTIVATED").ShouldContain("Your password is set and you are signed in.");
            line("ACTIVATED").ShouldContain("Sign out");
            line("WRONGCURRENT").ShouldBe("WRONGCURRENT The current password is not right.");
            line("CHANGED").ShouldContain("You stay signed in here, and are signed out everywhere else.");
            line("SIGNEDIN").ShouldStartWith("SIGNEDIN /me | ");
            line("FORGOTEMPTY").ShouldBe("FORGOTEMPTY Please enter your email address.");
            line("FORGOT").ShouldContain(RequestPasswordReset.Answer);
            Screenshots(shots, "activate", "activate-typing", "activate-weak", "activated", "change-password", "change-password-wrong", "password-changed", "forgot", "forgot-sent");

            // the reset mail's link: a new password, signed in; the link used again, and other links that do not work
            var reset = await LinkAsync(email, "Set a new password for Workers Power", "/reset-password");
            line = await RunAsync(shots, "reset", reset, email, "reset passphrase 1936");
            line("TOKENGONE reset").ShouldBe("TOKENGONE reset /reset-password");
            line("RESET").ShouldContain("You are signed in here, and signed out everywhere else.");
            line("SIGNEDIN").ShouldStartWith("SIGNEDIN /me | ");
            line("USEDRESET").ShouldContain(ResetPassword.InvalidToken.Message);
            line("USEDRESET").ShouldEndWith("way on: /forgot-password");
            line("BADACTIVATE").ShouldContain(ActivateAccount.InvalidInvitation.Message);
            line("BADACTIVATE").ShouldContain("ask for a link to set a new one");
            line("INCOMPLETE").ShouldContain("Open the link in your invitation mail again");
            line("RESETNOTOKEN").ShouldBe("RESETNOTOKEN /forgot-password");
            Screenshots(shots, "reset", "reset-done", "reset-invalid", "activate-invalid", "activate-incomplete");
            var token = await fixture.SignInAsync(email, "reset passphrase 1936");

            // a new address's confirmation link, and the unsubscribe link of the member's mails
            var newEmail = MembershipApi.UniqueEmail("web-moved");
            (await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = newEmail }, token)).UserErrors("updateMyProfile").ShouldBeEmpty();
            var confirm = await LinkAsync(newEmail, "Confirm your new email address for Workers Power", "/confirm-email");
            var unsubscribe = fixture.Services.GetRequiredService<UnsubscribeLinks>().For(memberId).PathAndQuery;
            line = await RunAsync(shots, "links", confirm, unsubscribe);
            line("TOKENGONE confirm").ShouldBe("TOKENGONE confirm /confirm-email");
            line("CONFIRM").ShouldContain("Confirm it, and it becomes your email address");
            line("CONFIRMED").ShouldContain("Your new email address is confirmed. Use it to sign in from now on.");
            line("USEDCONFIRM").ShouldContain(WorkersPower.Membership.Members.ConfirmEmailChange.InvalidToken.Message);
            line("TOKENGONE unsubscribe").ShouldBe("TOKENGONE unsubscribe /unsubscribe");
            line("UNSUBSCRIBE").ShouldContain("Stop receiving reminders and messages from Workers Power by email?");
            line("UNSUBSCRIBED").ShouldContain("You will no longer receive reminders and messages from Workers Power by email.");
            line("BADUNSUBSCRIBE").ShouldContain(WorkersPower.Membership.Members.UnsubscribeFromEmail.InvalidLink.Message);
            Screenshots(shots, "confirm", "confirmed", "confirm-invalid", "unsubscribe", "unsubscribed", "unsubscribe-invalid");

            // what the pages did, as the API sees it
            var moved = await fixture.SignInAsync(newEmail, "reset passphrase 1936");
            var me = await fixture.Client.DataAsync("{ me { email communicationPreferences { email } history(first: 10) { nodes { type summary } } } }", token: moved);
            me["me"]!["email"]!.GetValue<string>().ShouldBe(newEmail);
            me["me"]!["communicationPreferences"]!["email"]!.GetValue<bool>().ShouldBeFalse();
            me["me"]!["history"]!["nodes"]!.AsArray().ShouldContain(h => h!["type"]!.GetValue<string>() == "UNSUBSCRIBED_FROM_EMAIL" && h["summary"]!.GetValue<string>().Contains("link"));
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }
}
