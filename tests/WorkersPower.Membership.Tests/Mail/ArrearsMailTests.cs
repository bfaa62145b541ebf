using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.MailCatcher;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>A mail host whose clock the tests move (months of arrears pass in an instant).</summary>
public sealed class ArrearsMailFixture : MailFixture
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The arrears warning: a member two months behind is told by mail, once, before they lapse at three; whatever their mail preferences.</summary>
public sealed class ArrearsMailTests(ArrearsMailFixture fixture) : IClassFixture<ArrearsMailFixture>
{
    private static bool IsWarning(CaughtMail mail) => mail.Subject == "Your contributions are 2 months behind";

    /// <summary>Moves the clock to the middle of the month two months after the month it reads now (members who join now are then two months behind).</summary>
    private void TwoMonthsLater()
    {
        var now = fixture.Clock.GetUtcNow();
        var target = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(2).AddDays(14);
        fixture.Clock.Advance(target - now);
    }

    private Task WarnAsync(MemberApi.Person member) =>
        fixture.Services.GetRequiredService<IMessageBus>().InvokeAsync(new WarnOfArrears(GlobalId.TryDecode(member.MemberId, "Member")!.Value));

    [Fact]
    public async Task A_member_two_months_behind_is_warned_by_mail_once_in_the_episode_even_with_email_turned_off()
    {
        var (behind, quiet) = (await MailMembers.JoinAsync(fixture), await MailMembers.JoinAsync(fixture));
        var off = await MemberApi.MutateAsync(fixture, "updateMyCommunicationPreferences", "UpdateMyCommunicationPreferencesInput",
            new { email = false, sms = false, post = false }, quiet.Token, "member { id }");
        off.UserErrors("updateMyCommunicationPreferences").ShouldBeEmpty(off.Body);
        // the approval scheduled the warning, durably, beside the arrears check
        (await ScheduledMessages.CountAsync(fixture.ConnectionString, "WarnOfArrears", "membership")).ShouldBeGreaterThanOrEqualTo(2);

        await WarnAsync(behind); // not yet behind: nothing
        TwoMonthsLater();
        await WarnAsync(behind);
        await WarnAsync(quiet);
        var mails = await fixture.Catcher.WaitForAsync(m => IsWarning(m) && (ActionMail.To(m, behind) || ActionMail.To(m, quiet)), count: 2);
        mails.Count.ShouldBe(2);
        foreach (var mail in mails)
        {
            mail.Text!.ShouldContain("25.00 GBP is owed under your pledge of 12.50 GBP monthly");
            mail.Text!.ShouldContain("yours lapses on 1 ");
            mail.Text!.ShouldContain("talk to the treasurer of");
            mail.Header("List-Unsubscribe").ShouldBeNull(); // transactional: no unsubscribe link
            mail.Text!.ShouldNotContain("/unsubscribe");
        }

        // a later check in the same episode (a few days on) tells nobody again
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await WarnAsync(behind);
        await WarnAsync(quiet);
        await Task.Delay(TimeSpan.FromSeconds(2));
        fixture.Catcher.Mails.Count(m => IsWarning(m) && ActionMail.To(m, behind)).ShouldBe(1);
        fixture.Catcher.Mails.Count(m => IsWarning(m) && ActionMail.To(m, quiet)).ShouldBe(1);

        var history = (await ActionMail.MeAsync(fixture, behind)).History;
        history.Count(h => h!["type"]!.GetValue<string>() == "ARREARS_WARNING_ISSUED").ShouldBe(1);
        history.Single(h => h!["type"]!.GetValue<string>() == "ARREARS_WARNING_ISSUED")!["summary"]!.GetValue<string>()
            .ShouldBe("Warned by email: contributions 2 months in arrears (25.00 GBP owed); membership lapses at 3.");
    }
}
