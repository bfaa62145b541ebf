using WorkersPower.Membership.Members;
using WorkersPower.Membership.Members.Ledger;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>updateMyCommunicationPreferences' rules, Given events / When the command / Then ledger entries or a refusal: no database.</summary>
public sealed class UpdateMyCommunicationPreferencesTests
{
    [Fact]
    public void The_member_chooses_how_to_be_contacted_one_entry_per_channel_that_changes() =>
        new UpdateMyCommunicationPreferences(Id, true, true, true, Self).Decide(With(), Now).Events
            .ShouldBe([
                new ConsentChanged(Id, ConsentChannel.Sms, true, ConsentSource.Profile, Self.AccountId, Now),
                new ConsentChanged(Id, ConsentChannel.Post, true, ConsentSource.Profile, Self.AccountId, Now),
            ]);

    [Fact]
    public void Turning_email_off_is_withdrawn_from_the_profile_beside_the_other_changes() =>
        new UpdateMyCommunicationPreferences(Id, false, true, false, Self).Decide(With(), Now).Events
            .ShouldBe([
                new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.Profile, Self.AccountId, Now),
                new ConsentChanged(Id, ConsentChannel.Sms, true, ConsentSource.Profile, Self.AccountId, Now),
            ]);

    [Fact]
    public void Nothing_changed_records_nothing()
    {
        var decision = new UpdateMyCommunicationPreferences(Id, true, false, false, Self).Decide(With(), Now);
        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Turning_email_on_again_after_the_link_is_given_again_from_the_profile() =>
        new UpdateMyCommunicationPreferences(Id, true, false, false, Self)
            .Decide(With(new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.UnsubscribeLink, null, Now)), Now).Events
            .ShouldBe([new ConsentChanged(Id, ConsentChannel.Email, true, ConsentSource.Profile, Self.AccountId, Now)]);

    [Fact]
    public void Preferences_from_before_the_ledger_are_the_starting_point() =>
        new UpdateMyCommunicationPreferences(Id, true, false, true, Self)
            .Decide(With(new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now), new CommunicationPreferencesChanged(Id, false, false, true, Id, Now)), Now).Events
            .ShouldBe([new ConsentChanged(Id, ConsentChannel.Email, true, ConsentSource.Profile, Self.AccountId, Now)]);

    [Fact]
    public void Only_the_member_chooses() => new UpdateMyCommunicationPreferences(Id, false, false, false, Organiser).Decide(With(), Now).ShouldBeDenied();

    [Fact]
    public void An_erased_member_is_not_found() => new UpdateMyCommunicationPreferences(Id, true, false, false, Self).Decide(Erased, Now).ShouldBeNotFound();
}
