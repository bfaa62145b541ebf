using WorkersPower.Membership.Members;
using WorkersPower.Membership.Members.Ledger;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>unsubscribeFromEmail's rules (the link's command), Given events / When the command / Then events: no database.</summary>
public sealed class UnsubscribeFromEmailTests
{
    [Fact]
    public void The_link_withdraws_email_consent_and_says_where_naming_no_account() =>
        new UnsubscribeFromEmail(Id, UnsubscribeSource.Link).Decide(With(), Now).Events
            .ShouldBe([new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.UnsubscribeLink, null, Now)]);

    [Fact]
    public void Email_withdrawn_in_the_ledger_is_off_already() =>
        new UnsubscribeFromEmail(Id, UnsubscribeSource.Link).Decide(With(new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.Profile, Id, Now)), Now).Events.ShouldBeEmpty();

    [Fact]
    public void Email_already_off_changes_nothing() =>
        new UnsubscribeFromEmail(Id, UnsubscribeSource.Link).Decide(With(new UnsubscribedFromEmail(Id, UnsubscribeSource.Profile, Now)), Now).Events.ShouldBeEmpty();

    [Fact]
    public void Nobody_left_to_unsubscribe_changes_nothing()
    {
        var command = new UnsubscribeFromEmail(Id, UnsubscribeSource.Link);
        command.Decide(Erased, Now).Events.ShouldBeEmpty();
        command.Decide(null, Now).Events.ShouldBeEmpty();
        command.Decide(null, Now).Errors.ShouldBeEmpty();
    }
}
