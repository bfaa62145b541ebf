using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>updateMyProfile's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class UpdateMyProfileTests
{
    private static UpdateMyProfile Change(string? givenName = null, string? familyName = null, string? email = null, string? phone = null, string? postcode = null, Actor? actor = null) =>
        new(Id, givenName, familyName, email, phone, postcode, actor ?? Self);

    private static MemberProfileUpdated Updated(string? givenName = null, string? familyName = null, string? email = null, string? phone = null, bool phoneCleared = false, string? postcode = null) =>
        new(Id, givenName, familyName, email, phone, phoneCleared, postcode, Self.AccountId, Now);

    [Fact]
    public void Only_what_changed_is_recorded() =>
        Change(givenName: " Rosalind ", familyName: "Worker", postcode: "m1 1aa").Decide(With(), Now).Events
            .ShouldBe([Updated(givenName: "Rosalind", postcode: "M1 1AA")]);

    [Fact]
    public void Nothing_changed_records_nothing() => Change(givenName: "Rosa", email: "rosa@example.org").Decide(With(), Now).Events.ShouldBeEmpty();

    [Fact]
    public void An_empty_phone_removes_it() => Change(phone: "").Decide(With(), Now).Events.ShouldBe([Updated(phoneCleared: true)]);

    [Fact]
    public void Another_email_waits_for_confirmation_and_the_current_one_stays()
    {
        var command = Change(email: "red.rosa@example.org");
        command.Decide(With(), Now).Events.ShouldBe([new MemberEmailChangeRequested(Id, "red.rosa@example.org", Self.AccountId, Now)]);
        command.WaitsForConfirmation(With()).ShouldBeTrue();
    }

    [Fact]
    public void A_change_of_case_takes_effect_at_once()
    {
        var command = Change(email: "Rosa@Example.org");
        command.Decide(With(), Now).Events.ShouldBe([Updated(email: "Rosa@Example.org")]);
        command.WaitsForConfirmation(With()).ShouldBeFalse();
    }

    [Fact]
    public void The_current_address_withdraws_a_pending_change_and_asking_again_records_nothing()
    {
        var pending = With(new MemberEmailChangeRequested(Id, "red.rosa@example.org", Self.AccountId, Now.AddDays(-1)));
        Change(email: "rosa@example.org").Decide(pending, Now).Events.ShouldBe([new MemberEmailChangeRequested(Id, null, Self.AccountId, Now)]);
        Change(email: "red.rosa@example.org").Decide(pending, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void Bad_details_name_their_fields_before_anything_else()
    {
        var refused = Change(givenName: "", email: "nope", phone: "call me", postcode: new string('x', 17)).Decide(null, Now);
        refused.Errors.Select(e => string.Join('.', e.Field!)).ShouldBe(["input.givenName", "input.email", "input.phone", "input.postcode"]);
    }

    [Fact]
    public void Only_the_member_changes_their_details() => Change(givenName: "Red", actor: Organiser).Decide(With(), Now).ShouldBeDenied();

    [Fact]
    public void The_command_keeps_personal_data_out_of_logs() => Change(email: "red.rosa@example.org").ToString().ShouldBe("UpdateMyProfile");
}
