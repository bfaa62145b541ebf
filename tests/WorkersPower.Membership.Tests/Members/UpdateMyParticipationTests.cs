using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>updateMyParticipation's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class UpdateMyParticipationTests
{
    private static Decision When(string? union = null, string? workplace = null, IReadOnlyList<string>? interests = null, string? availability = null, Actor? actor = null) =>
        new UpdateMyParticipation(Id, union, workplace, interests, availability, actor ?? Self).Decide(With(), Now);

    [Fact]
    public void Omitted_fields_stay_an_empty_one_clears_and_interests_are_replaced_once_each()
    {
        var updated = When(workplace: "", interests: [" Housing ", "housing", "palestine"], availability: " Evenings ").Events.ShouldHaveSingleItem()
            .ShouldBeOfType<MemberParticipationUpdated>();
        updated.Interests.ShouldBe(["Housing", "palestine"]);
        (updated.Union, updated.Workplace, updated.Availability, updated.By, updated.At).ShouldBe(("Unite", (string?)null, "Evenings", Self.AccountId, Now));
    }

    [Fact]
    public void At_most_20_interests_of_at_most_60_characters()
    {
        When(interests: [.. Enumerable.Range(0, 21).Select(i => $"i{i}")]).Errors[0].Field.ShouldBe(["input", "interests"]);
        When(interests: [new string('a', 61)]).Refusal().Field.ShouldBe(["input", "interests", "0"]);
    }

    [Fact]
    public void Texts_are_limited() => When(availability: new string('a', 501)).Refusal().Field.ShouldBe(["input", "availability"]);

    [Fact]
    public void Only_the_member_changes_how_they_take_part() => When(union: "GMB", actor: Admin).ShouldBeDenied();

    [Fact]
    public void The_command_keeps_personal_data_out_of_logs() =>
        new UpdateMyParticipation(Id, "Unite", null, null, null, Self).ToString().ShouldBe("UpdateMyParticipation");
}
