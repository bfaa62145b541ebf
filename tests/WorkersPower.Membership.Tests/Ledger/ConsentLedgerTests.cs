using JasperFx.Events;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Membership.Members.Ledger;
using WorkersPower.Testing;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests.Ledger;

/// <summary>The consent ledger's rules (ConsentRules, the ledger's fold, the consents as shown), Given events / When / Then: no database.</summary>
public sealed class ConsentLedgerTests
{
    private static readonly DateTimeOffset Applied = Now.AddDays(-3);

    private static MemberLedger Ledger(params object[] events) => Given.Events<MemberLedgerProjection, MemberLedger>(events);

    [Fact]
    public void A_new_member_gives_contact_and_email_on_the_join_form_at_the_time_of_the_application_naming_no_account() =>
        ConsentRules.FromJoinForm(Id, newMember: true, Applied).ShouldBe([
            new ConsentChanged(Id, ConsentChannel.Contact, true, ConsentSource.JoinForm, null, Applied),
            new ConsentChanged(Id, ConsentChannel.Email, true, ConsentSource.JoinForm, null, Applied),
        ]);

    [Fact]
    public void A_former_member_who_rejoins_gives_contact_and_keeps_their_earlier_email_choice()
    {
        ConsentRules.FromJoinForm(Id, newMember: false, Applied).ShouldBe([new ConsentChanged(Id, ConsentChannel.Contact, true, ConsentSource.JoinForm, null, Applied)]);
        var member = With([new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.UnsubscribeLink, null, Now), .. ConsentRules.FromJoinForm(Id, false, Now)]);
        member.Communication.Email.ShouldBeFalse();
    }

    [Fact]
    public void Each_changed_channel_is_one_entry_and_an_unchanged_one_none()
    {
        var from = new CommunicationPreferences(true, false, true);
        ConsentRules.Changes(Id, from, from, ConsentSource.Profile, Self.AccountId, Now).ShouldBeEmpty();
        ConsentRules.Changes(Id, from, new(false, true, true), ConsentSource.Profile, Self.AccountId, Now).ShouldBe([
            new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.Profile, Self.AccountId, Now),
            new ConsentChanged(Id, ConsentChannel.Sms, true, ConsentSource.Profile, Self.AccountId, Now),
        ]);
    }

    [Fact]
    public void The_entries_keep_the_communication_preferences_and_consent_to_contact_changes_none_of_them()
    {
        var member = With(
            new ConsentChanged(Id, ConsentChannel.Contact, true, ConsentSource.JoinForm, null, Applied),
            new ConsentChanged(Id, ConsentChannel.Sms, true, ConsentSource.Profile, Self.AccountId, Now),
            new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.UnsubscribeLink, null, Now));
        member.Communication.ShouldBe(new CommunicationPreferences(false, true, false));
        member.AcceptsEmail.ShouldBeFalse();
    }

    [Fact]
    public void The_ledger_folds_every_entry_in_order_and_shows_each_channel_now_with_its_history()
    {
        object[] entries =
        [
            .. ConsentRules.FromJoinForm(Id, true, Applied),
            new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.UnsubscribeLink, null, Now.AddDays(-1)),
            new ConsentChanged(Id, ConsentChannel.Email, true, ConsentSource.Profile, Self.AccountId, Now),
        ];
        var ledger = Ledger(entries);
        ledger.Consents.Count.ShouldBe(4);
        ledger.Current(ConsentChannel.Email)!.Source.ShouldBe(ConsentSource.Profile);
        ledger.Gives(ConsentChannel.Contact).ShouldBeTrue();
        ledger.Gives(ConsentChannel.Post).ShouldBeFalse();

        var consents = ConsentState.Of(With(entries), ledger);
        consents.Select(c => c.Channel).ShouldBe([ConsentChannel.Contact, ConsentChannel.Email, ConsentChannel.Sms, ConsentChannel.Post]);
        var email = consents.Single(c => c.Channel == ConsentChannel.Email);
        (email.Given, email.Latest!.At).ShouldBe((true, Now));
        email.History.Select(h => (h.Given, h.Source)).ShouldBe([(true, ConsentSource.JoinForm), (false, ConsentSource.UnsubscribeLink), (true, ConsentSource.Profile)]);
        var sms = consents.Single(c => c.Channel == ConsentChannel.Sms);
        (sms.Given, sms.Latest, sms.History.Count).ShouldBe((false, (ConsentEntry?)null, 0));
    }

    [Fact]
    public void The_migration_makes_one_entry_per_channel_as_the_preferences_stand_at_their_last_known_change()
    {
        var joined = Now.AddYears(-1);
        var changed = Now.AddMonths(-2);
        var member = With(new CommunicationPreferencesChanged(Id, false, true, false, Id, changed));
        ConsentRules.Migration(member, null, joined, c => c == ConsentChannel.Post ? joined : changed).ShouldBe([
            new ConsentChanged(Id, ConsentChannel.Contact, true, ConsentSource.Migration, null, joined),
            new ConsentChanged(Id, ConsentChannel.Email, false, ConsentSource.Migration, null, changed),
            new ConsentChanged(Id, ConsentChannel.Sms, true, ConsentSource.Migration, null, changed),
            new ConsentChanged(Id, ConsentChannel.Post, false, ConsentSource.Migration, null, joined),
        ]);
    }

    [Fact]
    public void The_migration_adds_nothing_to_a_member_with_entries_nor_to_an_erased_one()
    {
        var ledger = Ledger([.. ConsentRules.FromJoinForm(Id, true, Applied)]);
        ConsentRules.Migration(With(), ledger, Now, _ => Now).ShouldBeEmpty();
        ConsentRules.Migration(Erased, null, Now, _ => Now).ShouldBeEmpty();
        var onlyProgramme = Ledger(new ProgrammeAccepted(Id, Guid.NewGuid(), 1, ProgrammeAcceptanceSource.Member, true, Self.AccountId, Now));
        ConsentRules.Migration(With(), onlyProgramme, Now, _ => Now).Count.ShouldBe(4);
    }

    [Fact]
    public void The_last_known_changes_are_read_from_the_events_from_before_the_ledger()
    {
        var joined = Now.AddYears(-1);
        var started = Started(12) with { StartedAt = joined };
        var (joinedAt, changedAt) = ConsentLedgerMigration.LastKnownChanges([
            Event.For(started),
            Event.For(new CommunicationPreferencesChanged(Id, true, true, false, Id, Now.AddMonths(-6))),
            Event.For(new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now.AddMonths(-1))),
        ]);
        joinedAt.ShouldBe(joined);
        changedAt[ConsentChannel.Email].ShouldBe(Now.AddMonths(-1));
        changedAt[ConsentChannel.Sms].ShouldBe(Now.AddMonths(-6));
        changedAt[ConsentChannel.Post].ShouldBe(Now.AddMonths(-6));
        ConsentLedgerMigration.LastKnownChanges([Event.For(started)]).ChangedAt.ShouldBeEmpty();
    }
}
