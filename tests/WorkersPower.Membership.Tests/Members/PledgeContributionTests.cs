using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using static WorkersPower.Membership.Tests.AMember;

namespace WorkersPower.Membership.Tests;

/// <summary>pledgeContribution's rules, Given events / When the command / Then events or a refusal: no database.</summary>
public sealed class PledgeContributionTests
{
    private static Decision When(MemberProfile member, decimal amount = 15m, string currency = "GBP", Actor? actor = null) =>
        new PledgeContribution(Id, new Money(amount, currency), ContributionFrequency.Quarterly, actor ?? Self).Decide(member, Now);

    [Fact]
    public void A_member_pledges_a_new_contribution() =>
        When(With()).Events.ShouldBe([new ContributionPledged(Id, new Money(15m, "GBP"), ContributionFrequency.Quarterly, Self.AccountId, Now)]);

    [Fact]
    public void The_amount_is_positive_in_a_known_currency()
    {
        When(With(), amount: 0).Refusal().Field.ShouldBe(["input", "contribution", "amount"]);
        When(With(), currency: "XYZ").Refusal().Field.ShouldBe(["input", "contribution", "currency"]);
    }

    [Fact]
    public void A_resigned_member_applies_again_instead() =>
        When(With(new MembershipResigned(Id, null, Self.AccountId, Now))).Refusal().Message.ShouldBe("You have resigned: apply again to rejoin.");

    [Fact]
    public void Only_the_member_pledges() => When(With(), actor: Treasurer).ShouldBeDenied();

    [Fact]
    public void The_new_pledge_counts_from_this_month()
    {
        var ledger = JoinedMonthsAgo(2).Ledger.With(When(JoinedMonthsAgo(2)).Events);
        ledger.Owed(DateOnly.FromDateTime(Now.UtcDateTime)).ShouldBe(20m); // two months of the old pledge, none yet of the new one
        ledger.MonthlyAmount.ShouldBe(5m); // 15 a quarter
    }
}
