using System.Net;
using WorkersPower.MailCatcher;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>The account mails over real SMTP: what arrives where, and that each link's token works through the API.</summary>
public sealed class AccountMailTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private const string Viewer = "{ viewer { email } }";
    private const string RequestReset = "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { message errors { code message field } } }";
    private const string Reset = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { accessToken member { id email } errors { code message field } } }";
    private const string Confirm = "mutation($input: ConfirmEmailChangeInput!) { confirmEmailChange(input: $input) { confirmed errors { code message field } } }";

    private Task<IReadOnlyList<CaughtMail>> MailTo(string address, string subject, int count = 1) =>
        AccountMail.MailTo(fixture.Catcher, address, subject, count);

    [Fact]
    public async Task An_application_is_acknowledged_to_the_applicant_once()
    {
        var email = MembershipApi.UniqueEmail();
        await MembershipApi.ApplyAsync(fixture.Client, email);
        await MembershipApi.ApplyAsync(fixture.Client, email); // an application from the address is waiting: no second mail
        var mail = (await MailTo(email, "We have your application to join Workers Power")).Single();
        mail.Message.From.Mailboxes.Single().Address.ShouldBe("no-reply@test.workerspower.org");
        mail.Text!.ShouldContain("Hello Rosa,");
        mail.Text!.ShouldContain("An organiser will be in touch");
        mail.Html!.ShouldContain("An organiser will be in touch");
        mail.Header("List-Unsubscribe").ShouldBeNull(); // transactional: no unsubscribe
        await AccountMail.SettleAsync();
        fixture.Catcher.Mails.Count(m => m.EnvelopeTo.Contains(email)).ShouldBe(1);
    }

    [Fact]
    public async Task Applying_with_a_members_address_tells_the_member_and_answers_as_for_a_new_address()
    {
        var member = await AccountMail.JoinAsync(fixture);
        var fresh = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(MembershipApi.UniqueEmail()) });
        var taken = await fixture.Client.PostAsync(MembershipApi.Apply, new { input = MembershipApi.Application(member.Email) });
        AccountMail.Shape(taken.Body, member.Email).ShouldBe(AccountMail.Shape(fresh.Body, fresh["applyForMembership.application.email"]!.GetValue<string>()));

        var mail = (await MailTo(member.Email, "Someone applied to join Workers Power with your address")).Single();
        mail.Text!.ShouldContain("You are a member already");
        mail.Links.ShouldContain(MailFixture.PublicUrl);
        mail.Links.ShouldContain(MailFixture.PublicUrl + "/reset-password");
        await AccountMail.SettleAsync();
        // the only acknowledgement the member ever had is the one of their own application, when they joined
        fixture.Catcher.Mails.Count(m => m.EnvelopeTo.Contains(member.Email) && m.Subject == "We have your application to join Workers Power").ShouldBe(1);
    }

    [Fact]
    public async Task Approval_mails_the_invitation_whose_link_activates_the_account()
    {
        var email = MembershipApi.UniqueEmail();
        var applicationId = await MembershipApi.ApplyAsync(fixture.Client, email);
        var approved = await fixture.Client.PostAsync(MembershipApi.Approve, new { input = new { applicationId, branchId = await fixture.BranchAsync() } }, await fixture.AdminTokenAsync());
        approved.UserErrors("approveMembershipApplication").ShouldBeEmpty(approved.Body);
        approved["approveMembershipApplication.member.id"].ShouldNotBeNull();
        approved["approveMembershipApplication.invitationToken"].ShouldBeNull(); // the token travels only by mail

        var mail = (await MailTo(email, "Welcome to Workers Power: set your password")).Single();
        mail.Text!.ShouldContain("for 7 days");
        var token = MailFixture.TokenIn(mail, "/activate");
        mail.Html!.ShouldContain($"href=\"{MailFixture.PublicUrl}/activate?token={token}\"");
        var activated = await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = token, password = MemberApi.Password } });
        activated.UserErrors("activateAccount").ShouldBeEmpty(activated.Body);
        (await fixture.Client.DataAsync(Viewer, null, activated["activateAccount.accessToken"]!.GetValue<string>()))["viewer"]!["email"]!.GetValue<string>().ShouldBe(email);
        var again = await fixture.Client.PostAsync(MembershipApi.Activate, new { input = new { invitationToken = token, password = MemberApi.Password } });
        again.UserErrors("activateAccount").Single().Code.ShouldBe("INVALID_TOKEN");
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_signs_in_and_revokes_every_earlier_token()
    {
        var member = await AccountMail.JoinAsync(fixture);
        (await fixture.Client.PostAsync(Viewer, null, member.Token)).Status.ShouldBe(HttpStatusCode.OK);

        var requested = await fixture.Client.PostAsync(RequestReset, new { input = new { email = member.Email.ToUpperInvariant() } });
        requested.UserErrors("requestPasswordReset").ShouldBeEmpty();
        var mail = (await MailTo(member.Email, "Set a new password for Workers Power")).Single();
        mail.Text!.ShouldContain("for one hour");
        var token = MailFixture.TokenIn(mail, "/reset-password");

        var weak = await fixture.Client.PostAsync(Reset, new { input = new { token, password = "short" } });
        weak.UserErrors("resetPassword").Single().Field.ShouldBe("input.password");
        var reset = await fixture.Client.PostAsync(Reset, new { input = new { token, password = "a brand new passphrase" } });
        reset.UserErrors("resetPassword").ShouldBeEmpty(reset.Body);
        reset["resetPassword.member.id"]!.GetValue<string>().ShouldBe(member.MemberId);
        (await fixture.Client.DataAsync(Viewer, null, reset["resetPassword.accessToken"]!.GetValue<string>()))["viewer"]!["email"]!.GetValue<string>().ShouldBe(member.Email);
        (await fixture.Client.PostAsync(Viewer, null, member.Token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } }))
            .UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = "a brand new passphrase" } }))
            .UserErrors("signIn").ShouldBeEmpty();

        var used = await fixture.Client.PostAsync(Reset, new { input = new { token, password = "yet another passphrase" } });
        var usedError = used.UserErrors("resetPassword").Single();
        usedError.Code.ShouldBe("INVALID_TOKEN");
        usedError.Field.ShouldBe("input.token");
        used["resetPassword.accessToken"].ShouldBeNull();
    }

    [Fact]
    public async Task A_reset_request_answers_the_same_for_known_and_unknown_addresses_and_mails_only_a_known_one()
    {
        var member = await AccountMail.JoinAsync(fixture);
        var unknown = MembershipApi.UniqueEmail("nobody");
        var forUnknown = await fixture.Client.PostAsync(RequestReset, new { input = new { email = unknown } });
        var forKnown = await fixture.Client.PostAsync(RequestReset, new { input = new { email = member.Email } });
        forKnown.Status.ShouldBe(HttpStatusCode.OK);
        forKnown.Body.ShouldBe(forUnknown.Body);
        forKnown.UserErrors("requestPasswordReset").ShouldBeEmpty();
        forKnown["requestPasswordReset.message"]!.GetValue<string>().ShouldContain("one hour");

        await MailTo(member.Email, "Set a new password for Workers Power");
        await AccountMail.SettleAsync();
        fixture.Catcher.Mails.ShouldNotContain(m => m.EnvelopeTo.Contains(unknown));
    }

    [Fact]
    public async Task A_new_email_is_confirmed_from_the_link_mailed_to_it_and_the_old_address_is_told()
    {
        var member = await AccountMail.JoinAsync(fixture);
        var newEmail = MembershipApi.UniqueEmail("moved");
        var update = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = newEmail }, member.Token, "member { email pendingEmail } message");
        update.UserErrors("updateMyProfile").ShouldBeEmpty(update.Body);
        update["updateMyProfile.message"]!.GetValue<string>().ShouldContain("we have sent a link");

        var confirm = (await MailTo(newEmail, "Confirm your new email address for Workers Power")).Single();
        confirm.Text!.ShouldContain("for 24 hours");
        var notice = (await MailTo(member.Email, "A change of your email address with Workers Power was asked for")).Single();
        notice.Text!.ShouldContain("m***@example.org");
        notice.Text!.ShouldNotContain(newEmail);
        notice.Html!.ShouldNotContain(newEmail);
        notice.Links.ShouldContain(MailFixture.PublicUrl + "/reset-password");

        var token = MailFixture.TokenIn(confirm, "/confirm-email");
        var anonymous = fixture.NewClient(); // the link may be opened signed out
        var confirmed = await anonymous.PostAsync(Confirm, new { input = new { token } });
        confirmed.UserErrors("confirmEmailChange").ShouldBeEmpty(confirmed.Body);
        confirmed["confirmEmailChange.confirmed"]!.GetValue<bool>().ShouldBeTrue();

        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = newEmail, password = MemberApi.Password } })).UserErrors("signIn").ShouldBeEmpty();
        (await fixture.Client.PostAsync(MembershipApi.SignIn, new { input = new { email = member.Email, password = MemberApi.Password } }))
            .UserErrors("signIn").Single().Code.ShouldBe("INVALID_CREDENTIALS");
        var me = await fixture.Client.DataAsync("{ me { email pendingEmail history(first: 3) { edges { node { type } } } } }", null, member.Token);
        me["me"]!["email"]!.GetValue<string>().ShouldBe(newEmail);
        me["me"]!["pendingEmail"].ShouldBeNull();
        me["me"]!["history"]!["edges"]![0]!["node"]!["type"]!.GetValue<string>().ShouldBe("EMAIL_CHANGED");

        var again = await anonymous.PostAsync(Confirm, new { input = new { token } });
        again.UserErrors("confirmEmailChange").Single().Code.ShouldBe("INVALID_TOKEN");
        again["confirmEmailChange.confirmed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_withdrawn_email_change_cannot_be_confirmed()
    {
        var member = await AccountMail.JoinAsync(fixture);
        var newEmail = MembershipApi.UniqueEmail("withdrawn");
        (await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = newEmail }, member.Token)).UserErrors("updateMyProfile").ShouldBeEmpty();
        var token = MailFixture.TokenIn((await MailTo(newEmail, "Confirm your new email address for Workers Power")).Single(), "/confirm-email");
        (await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { email = member.Email }, member.Token)).UserErrors("updateMyProfile").ShouldBeEmpty();
        var refused = await fixture.Client.PostAsync(Confirm, new { input = new { token } });
        refused.UserErrors("confirmEmailChange").Single().Code.ShouldBe("INVALID_TOKEN");
    }
}
