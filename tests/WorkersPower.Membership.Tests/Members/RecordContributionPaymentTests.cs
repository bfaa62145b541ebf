using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>recordContributionPayment's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class RecordContributionPaymentTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static Decision When(MemberProfile? member, decimal amount = 10m, string currency = "GBP", DateOnly? paidOn = null, Actor? actor = null, bool recordedBefore = false) =>
        new RecordContributionPayment(Id, new Money(amount, currency), paidOn ?? Today, " BANK-1 ", actor ?? Treasurer).Decide(member, recordedBefore, Now);

    [Fact]
    public void A_treasurer_records_a_payment()
    {
        var recorded = When(With()).Events.ShouldHaveSingleItem().ShouldBeOfType<ContributionPaymentRecorded>();
        recorded.ShouldBe(new ContributionPaymentRecorded(Id, recorded.PaymentId, new Money(10m, "GBP"), Today, "BANK-1", ContributionPayment.ManualSource, Treasurer.AccountId, Now));
    }

    [Fact]
    public void Only_treasurers_and_admins_record_payments()
    {
        When(With(), actor: Admin).Accepted.ShouldBeTrue();
        foreach (var actor in new[] { Organiser, Self })
            When(With(), actor: actor).ShouldBeDenied();
    }

    [Fact]
    public void A_payment_is_positive_with_at_most_two_decimals_in_the_pledge_currency_and_not_in_the_future()
    {
        When(With(), amount: 0).Refusal().Field.ShouldBe(["input", "amount", "amount"]);
        When(With(), amount: 1.005m).Refusal().Field.ShouldBe(["input", "amount", "amount"]);
        When(With(), currency: "EUR").Refusal().Message.ShouldBe("The member pledges in GBP; record the payment in that currency.");
        When(With(), paidOn: Today.AddDays(2)).Refusal().Field.ShouldBe(["input", "paidOn"]);
    }

    [Fact]
    public void The_same_payment_twice_is_refused() =>
        When(With(), recordedBefore: true).Refusal().Code.ShouldBe(ErrorCodes.AlreadyExists);

    [Fact]
    public void Paying_up_restores_a_lapsed_member_and_paying_in_part_does_not()
    {
        var lapsed = JoinedMonthsAgo(4, new MembershipLapsed(Id, 3, Now));
        When(lapsed, amount: 40m).Events.Select(e => e.GetType()).ShouldBe([typeof(ContributionPaymentRecorded), typeof(MembershipRestored)]);
        When(lapsed, amount: 30m).Events.ShouldHaveSingleItem().ShouldBeOfType<ContributionPaymentRecorded>();
    }

    [Fact]
    public void An_erased_member_is_not_found() => When(Erased).ShouldBeNotFound();
}
