using WorkersPower.Membership.Members;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>Unsubscribing from email (the signed link of a mail), Given events / When the command / Then events: no database.</summary>
public sealed class UnsubscribeFromEmailTests
{
    private static readonly UnsubscribeFromEmail ByLink = new(Id, UnsubscribeSource.Link);

    [Fact]
    public void A_member_with_email_on_is_unsubscribed_with_the_source() =>
        ByLink.Decide(With(), Now).Events.ShouldBe([new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now)]);

    [Fact]
    public void Unsubscribing_turns_email_off_and_leaves_the_other_preferences()
    {
        var member = With(new CommunicationPreferencesChanged(Id, true, true, false, Self.AccountId, Now), new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now));
        member.Communication.ShouldBe(new CommunicationPreferences(false, true, false));
        member.AcceptsEmail.ShouldBeFalse();
    }

    [Fact]
    public void Already_unsubscribed_changes_nothing()
    {
        ByLink.Decide(With(new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now)), Now).Events.ShouldBeEmpty();
        ByLink.Decide(With(new CommunicationPreferencesChanged(Id, false, false, false, Self.AccountId, Now)), Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Nobody_to_unsubscribe_changes_nothing_and_refuses_nothing()
    {
        ByLink.Decide(Erased, Now).ShouldBe(Platform.Decision.Unchanged);
        ByLink.Decide(null, Now).ShouldBe(Platform.Decision.Unchanged);
    }
}

/// <summary>How an action's time is written in its mails: plainly, in UTC.</summary>
public sealed class ActionNoticeTimeTests
{
    [Fact]
    public void An_action_within_a_day_is_written_with_its_day_and_hours() =>
        SendActionNoticeMailHandler.When(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 14, 12, 30, 0, TimeSpan.Zero))
            .ShouldBe("Saturday 14 March 2026, 10:00 to 12:30 UTC");

    [Fact]
    public void Times_are_in_UTC_and_an_action_over_midnight_names_both_days() =>
        SendActionNoticeMailHandler.When(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 15, 2, 0, 0, TimeSpan.Zero))
            .ShouldBe("Saturday 14 March 2026, 22:00 UTC to Sunday 15 March 2026, 02:00 UTC");
}
