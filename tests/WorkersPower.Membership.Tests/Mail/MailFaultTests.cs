using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkersPower.MailCatcher;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>
/// The mail server's faults, over real SMTP: down for a while (refused connections are transient: retried at 0.5 s, 2 s,
/// 10 s… until it is back, and every mail arrives once), and a recipient refused for good (550: dead-lettered at once,
/// shown to admins without the address; the other mails arrive).
/// </summary>
public sealed class MailFaultTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private SmtpCatcher Catcher => fixture.Catcher;

    private async Task<(ActionMail Action, MemberApi.Person[] Members)> ActionWithMembersAsync(int count)
    {
        var members = new MemberApi.Person[count];
        for (var i = 0; i < count; i++) members[i] = await MailMembers.JoinAsync(fixture);
        var action = await ActionMail.ScheduleAsync(fixture);
        await action.SignUpAsync(members);
        return (action, members);
    }

    private static bool ReminderToAny(CaughtMail mail, MemberApi.Person[] members) => ActionMail.IsReminder(mail) && members.Any(p => ActionMail.To(mail, p));

    [Fact]
    public async Task Mails_wait_while_the_mail_server_is_down_and_each_arrives_once_when_it_is_back()
    {
        var (action, members) = await ActionWithMembersAsync(3);
        var letters = (await ReminderLettersAsync()).Count;
        await Catcher.StopAsync();
        try
        {
            await action.MoveCloserAsync();
            // the first attempts and the retries at 0.5 s and 2 s meet a refused connection
            await Task.Delay(TimeSpan.FromSeconds(4));
            Catcher.Mails.Where(m => ReminderToAny(m, members)).ShouldBeEmpty();
        }
        finally
        {
            await Catcher.StartAgainAsync();
        }

        // the retry at 10 s finds the server back
        var clock = Stopwatch.StartNew();
        var arrived = await Catcher.WaitForAsync(m => ReminderToAny(m, members), count: 3, timeout: TimeSpan.FromSeconds(60));
        arrived.Count.ShouldBe(3);
        foreach (var member in members) arrived.Count(m => ActionMail.To(m, member)).ShouldBe(1);
        arrived.Select(m => m.Message.MessageId).Distinct().Count().ShouldBe(3);

        // and none is sent twice: nothing more comes for them
        await Task.Delay(TimeSpan.FromSeconds(3));
        Catcher.Mails.Count(m => ReminderToAny(m, members)).ShouldBe(3, $"mails arrived {clock.Elapsed.TotalSeconds:0.#} s after the server came back");
        (await ReminderLettersAsync()).Count.ShouldBe(letters); // none given up on
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_dead_lettered_at_once_without_the_address_and_the_others_arrive()
    {
        var (action, members) = await ActionWithMembersAsync(3);
        var refused = members[1];
        Catcher.RejectRecipient = address => address.Equals(refused.Email, StringComparison.OrdinalIgnoreCase);
        try
        {
            var before = await ReminderLettersAsync();
            await action.MoveCloserAsync();
            var others = members.Where(m => m != refused).ToArray();
            (await Catcher.WaitForAsync(m => ReminderToAny(m, others), count: 2)).Count.ShouldBe(2);

            // dead-lettered at once: long before the first transient retry that could reach 10 s
            var clock = Stopwatch.StartNew();
            JsonNode? letter = null;
            while (letter is null && clock.Elapsed < TimeSpan.FromSeconds(8))
            {
                letter = (await ReminderLettersAsync()).FirstOrDefault(l => !before.Any(b => b!["id"]!.GetValue<string>() == l!["id"]!.GetValue<string>()));
                if (letter is null) await Task.Delay(200);
            }
            letter.ShouldNotBeNull("the refused mail never reached the dead letters");
            var message = letter["exceptionMessage"]!.GetValue<string>();
            message.ShouldContain("550");
            message.ShouldNotContain(refused.Email, Case.Insensitive);
            message.ShouldNotContain("@");
            letter["exceptionType"]!.GetValue<string>().ShouldContain("MailDeliveryException");
            Catcher.Mails.Where(m => ActionMail.IsReminder(m) && ActionMail.To(m, refused)).ShouldBeEmpty();
        }
        finally
        {
            Catcher.RejectRecipient = null;
        }
    }

    /// <summary>The dead letters of action mails, as an admin reads them.</summary>
    private async Task<List<JsonNode?>> ReminderLettersAsync()
    {
        var data = await fixture.Client.DataAsync("{ deadLetters(first: 100) { nodes { id messageType exceptionType exceptionMessage } } }", token: await fixture.AdminTokenAsync());
        return data["deadLetters"]!["nodes"]!.AsArray().Where(l => l!["messageType"]!.GetValue<string>().Contains("SendActionNoticeMail", StringComparison.Ordinal)).ToList();
    }
}
