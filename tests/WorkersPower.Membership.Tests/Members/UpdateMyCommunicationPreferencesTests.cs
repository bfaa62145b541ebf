using WorkersPower.Membership.Members;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>updateMyCommunicationPreferences' rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class UpdateMyCommunicationPreferencesTests
{
    [Fact]
    public void The_member_chooses_how_to_be_contacted() =>
        new UpdateMyCommunicationPreferences(Id, true, true, true, Self).Decide(With(), Now).Events
            .ShouldBe([new CommunicationPreferencesChanged(Id, true, true, true, Self.AccountId, Now)]);

    [Fact]
    public void Turning_email_off_is_an_unsubscription_from_the_profile_beside_the_other_changes() =>
        new UpdateMyCommunicationPreferences(Id, false, true, true, Self).Decide(With(), Now).Events
            .ShouldBe([new UnsubscribedFromEmail(Id, UnsubscribeSource.Profile, Now), new CommunicationPreferencesChanged(Id, false, true, true, Self.AccountId, Now)]);

    [Fact]
    public void Turning_only_email_off_is_only_the_unsubscription() =>
        new UpdateMyCommunicationPreferences(Id, false, false, false, Self).Decide(With(), Now).Events
            .ShouldBe([new UnsubscribedFromEmail(Id, UnsubscribeSource.Profile, Now)]);

    [Fact]
    public void Turning_email_on_again_is_a_change_of_preferences() =>
        new UpdateMyCommunicationPreferences(Id, true, false, false, Self).Decide(With(new UnsubscribedFromEmail(Id, UnsubscribeSource.Link, Now)), Now).Events
            .ShouldBe([new CommunicationPreferencesChanged(Id, true, false, false, Self.AccountId, Now)]);

    [Fact]
    public void Only_the_member_chooses() => new UpdateMyCommunicationPreferences(Id, false, false, false, Organiser).Decide(With(), Now).ShouldBeDenied();

    [Fact]
    public void An_erased_member_is_not_found() => new UpdateMyCommunicationPreferences(Id, true, false, false, Self).Decide(Erased, Now).ShouldBeNotFound();
}
