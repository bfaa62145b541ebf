using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.MailCatcher;
using WorkersPower.Membership.Mail;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>
/// Mail that needs consent (an action's reminder and cancellation) over real SMTP: it reaches only members who kept email
/// on, carries the RFC 8058 unsubscribe headers, and its link unsubscribes without signing in.
/// </summary>
public sealed class ConsentMailTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private SmtpCatcher Catcher => fixture.Catcher;

    private Task<MemberApi.Person> JoinAsync() => MailMembers.JoinAsync(fixture);

    private async Task TurnEmailOffAsync(MemberApi.Person member)
    {
        var response = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput",
            new { email = false, sms = false, post = false }, member.Token, "member { id }");
        response.UserErrors("updateMyCommunicationPreferences").ShouldBeEmpty(response.Body);
    }

    /// <summary>After the mails of the same batch arrived, a moment more for any straggler, then none for the member.</summary>
    private async Task ShouldReceiveNothingAsync(MemberApi.Person member, Func<CaughtMail, bool> kind)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        Catcher.Mails.Where(m => ActionMail.To(m, member) && kind(m)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reminder_and_a_cancellation_reach_the_members_who_consented_and_not_one_who_turned_email_off()
    {
        var (rosa, jack, quiet) = (await JoinAsync(), await JoinAsync(), await JoinAsync());
        await TurnEmailOffAsync(quiet);
        var action = await ActionMail.ScheduleAsync(fixture);
        await action.SignUpAsync(rosa, jack, quiet);

        await action.MoveCloserAsync();
        var reminders = await Catcher.WaitForAsync(m => ActionMail.IsReminder(m) && (ActionMail.To(m, rosa) || ActionMail.To(m, jack)), count: 2);
        reminders.Count.ShouldBe(2);
        reminders.Select(m => m.Message.MessageId).Distinct().Count().ShouldBe(2);
        foreach (var mail in reminders)
        {
            mail.Text!.ShouldContain(ActionMail.Location);
            mail.Text!.ShouldContain(" UTC");
            mail.Header("List-Unsubscribe").ShouldStartWith($"<{MailFixture.PublicUrl}/unsubscribe?token=");
            mail.Header("List-Unsubscribe-Post").ShouldBe("List-Unsubscribe=One-Click");
            mail.Links.ShouldContain(mail.Header("List-Unsubscribe")!.Trim('<', '>')); // the footer's link is the header's
            mail.Message.From.ToString().ShouldContain("no-reply@test.workerspower.org");
        }
        await ShouldReceiveNothingAsync(quiet, ActionMail.IsReminder);

        await action.CancelAsync("The strike was settled: we won.");
        var cancellations = await Catcher.WaitForAsync(m => ActionMail.IsCancellation(m) && (ActionMail.To(m, rosa) || ActionMail.To(m, jack)), count: 2);
        cancellations.Count.ShouldBe(2);
        cancellations.ShouldAllBe(m => m.Text!.Contains("The strike was settled: we won.") && m.Header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
        await ShouldReceiveNothingAsync(quiet, ActionMail.IsCancellation);

        // turning email off in the profile is in the member's history, with its source
        var (email, history) = await ActionMail.MeAsync(fixture, quiet);
        email.ShouldBeFalse();
        history.ShouldContain(h => h!["type"]!.GetValue<string>() == "UNSUBSCRIBED_FROM_EMAIL" && h["summary"]!.GetValue<string>().Contains("profile"));
    }

    [Fact]
    public async Task The_unsubscribe_link_works_without_signing_in_and_later_reminders_no_longer_reach_the_member()
    {
        var (leaver, stayer) = (await JoinAsync(), await JoinAsync());
        var action = await ActionMail.ScheduleAsync(fixture);
        await action.SignUpAsync(leaver, stayer);
        await action.MoveCloserAsync();
        var first = (await Catcher.WaitForAsync(m => ActionMail.IsReminder(m) && ActionMail.To(m, leaver))).Single();
        var link = new Uri(first.Header("List-Unsubscribe")!.Trim('<', '>'));
        link.GetLeftPart(UriPartial.Path).ShouldBe(MailFixture.PublicUrl + "/unsubscribe");
        var anonymous = fixture.Factory.CreateClient();

        // GET (a mail scanner following the link) changes nothing: the page it opens is the web client's, which asks first
        (await anonymous.GetAsync(link.PathAndQuery)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await ActionMail.MeAsync(fixture, leaver)).Email.ShouldBeTrue();

        // an altered token is refused, by the one-click endpoint and by the page's mutation, and changes nothing
        var token = MailFixture.TokenIn(first, "/unsubscribe");
        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        foreach (var bad in new[] { altered, "not-a-token", "" })
        {
            var refused = await anonymous.PostAsync("/unsubscribe?token=" + Uri.EscapeDataString(bad), OneClick());
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).ShouldBe("This unsubscribe link is not valid. Please use the link from the mail exactly as it is, or turn email off in your profile.");
            (await fixture.NewClient().PostAsync(Unsubscribe, new { input = new { token = bad } })).UserErrors("unsubscribeFromEmail").Single().Code.ShouldBe("INVALID_TOKEN");
        }
        (await ActionMail.MeAsync(fixture, leaver)).Email.ShouldBeTrue();

        // RFC 8058 one-click: POST List-Unsubscribe=One-Click to the link, unauthenticated
        var done = await anonymous.PostAsync(link.PathAndQuery, OneClick());
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await done.Content.ReadAsStringAsync()).ShouldStartWith("You will no longer receive reminders and messages from");
        done.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        done.Headers.CacheControl!.NoStore.ShouldBeTrue();
        done.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        (await anonymous.PostAsync(link.PathAndQuery, OneClick())).StatusCode.ShouldBe(HttpStatusCode.OK); // twice: still once in the history
        var (email, history) = await ActionMail.MeAsync(fixture, leaver);
        email.ShouldBeFalse();
        history[0]!["type"]!.GetValue<string>().ShouldBe("UNSUBSCRIBED_FROM_EMAIL");
        history[0]!["summary"]!.GetValue<string>().ShouldContain("link");
        history.Count(h => h!["type"]!.GetValue<string>() == "UNSUBSCRIBED_FROM_EMAIL").ShouldBe(1);

        // a later reminder (the action moved) reaches the member who stayed, not the one who left
        await action.MoveCloserAsync(TimeSpan.FromHours(3));
        (await Catcher.WaitForAsync(m => ActionMail.IsReminder(m) && ActionMail.To(m, stayer), count: 2)).Count.ShouldBe(2);
        await ShouldReceiveNothingAsync(leaver, m => ActionMail.IsReminder(m) && m.Message.MessageId != first.Message.MessageId);
    }

    [Fact]
    public async Task The_pages_mutation_with_the_links_token_turns_email_off_once_without_signing_in_and_names_nobody()
    {
        var (leaver, other) = (await JoinAsync(), await JoinAsync());
        var token = fixture.Services.GetRequiredService<UnsubscribeLinks>().TokenFor(GlobalId.TryDecode(leaver.MemberId, "Member")!.Value);
        var anonymous = fixture.NewClient();

        var done = await anonymous.PostAsync(Unsubscribe, new { input = new { token } });
        done.UserErrors("unsubscribeFromEmail").ShouldBeEmpty(done.Body);
        done["unsubscribeFromEmail.unsubscribed"]!.GetValue<bool>().ShouldBeTrue();
        done.Body.ShouldNotContain(leaver.Email);
        var again = await anonymous.PostAsync(Unsubscribe, new { input = new { token } }); // twice: done, and still once in the history
        again["unsubscribeFromEmail.unsubscribed"]!.GetValue<bool>().ShouldBeTrue();

        var (email, history) = await ActionMail.MeAsync(fixture, leaver);
        email.ShouldBeFalse();
        history[0]!["type"]!.GetValue<string>().ShouldBe("UNSUBSCRIBED_FROM_EMAIL");
        history[0]!["summary"]!.GetValue<string>().ShouldContain("link");
        history.Count(h => h!["type"]!.GetValue<string>() == "UNSUBSCRIBED_FROM_EMAIL").ShouldBe(1);
        (await ActionMail.MeAsync(fixture, other)).Email.ShouldBeTrue();
        fixture.Logs.Lines.ShouldNotContain(l => l.ToString().Contains(token, StringComparison.Ordinal)); // the link's token is in no log
    }

    private const string Unsubscribe = "mutation($input: UnsubscribeFromEmailInput!) { unsubscribeFromEmail(input: $input) { unsubscribed errors { code message field } } }";

    private static FormUrlEncodedContent OneClick() => new([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
}
