using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Testing;

namespace WorkersPower.Membership.Tests;

/// <summary>Pledges, payments, arrears and lapsing, on a clock the tests move.</summary>
public sealed class ContributionTests(ClockFixture fixture) : IClassFixture<ClockFixture>
{
    private const string Record = "mutation($input: RecordContributionPaymentInput!) { recordContributionPayment(input: $input) { member { status monthsInArrears arrears { amount } } errors { code message field } } }";

    private async Task<(MemberApi.Person Member, MemberApi.Person Treasurer)> PeopleAsync()
    {
        var branch = await fixture.BranchAsync();
        return (await MemberApi.JoinAsync(fixture, branch), await MemberApi.JoinAsync(fixture, branch, "TREASURER"));
    }

    private static string Today(ClockFixture f) => DateOnly.FromDateTime(f.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<int> MonthsInArrearsAsync(MemberApi.Person member)
    {
        var data = await fixture.Client.DataAsync("{ me { monthsInArrears status } }", token: member.Token);
        return data["me"]!["monthsInArrears"]!.GetValue<int>();
    }

    [Fact]
    public async Task Arrears_grow_month_by_month_and_payments_cover_whole_months()
    {
        var (member, treasurer) = await PeopleAsync();
        (await MonthsInArrearsAsync(member)).ShouldBe(0);
        fixture.Clock.Advance(TimeSpan.FromDays(62)); // at least two month starts later
        var months = await MonthsInArrearsAsync(member);
        months.ShouldBeGreaterThanOrEqualTo(2);

        var paid = await fixture.Client.PostAsync(Record, new { input = new { memberId = member.MemberId, amount = new { amount = "12.50", currency = "GBP" }, paidOn = Today(fixture), reference = "BANK-1" } }, treasurer.Token);
        paid.UserErrors("recordContributionPayment").ShouldBeEmpty();
        paid["recordContributionPayment.member.monthsInArrears"]!.GetValue<int>().ShouldBe(months - 1);
    }

    [Fact]
    public async Task A_payment_is_refused_in_another_currency_in_the_future_or_twice()
    {
        var (member, treasurer) = await PeopleAsync();
        var euros = await fixture.Client.PostAsync(Record, new { input = new { memberId = member.MemberId, amount = new { amount = "10", currency = "EUR" }, paidOn = Today(fixture) } }, treasurer.Token);
        euros.UserErrors("recordContributionPayment").Single().Field.ShouldBe("input.amount.currency");
        var future = await fixture.Client.PostAsync(Record, new { input = new { memberId = member.MemberId, amount = new { amount = "10", currency = "GBP" }, paidOn = "2099-01-01" } }, treasurer.Token);
        future.UserErrors("recordContributionPayment").Single().Field.ShouldBe("input.paidOn");
        var input = new { input = new { memberId = member.MemberId, amount = new { amount = "10", currency = "GBP" }, paidOn = Today(fixture), reference = "R-9" } };
        (await fixture.Client.PostAsync(Record, input, treasurer.Token)).UserErrors("recordContributionPayment").ShouldBeEmpty();
        (await fixture.Client.PostAsync(Record, input, treasurer.Token)).UserErrors("recordContributionPayment").Single().Code.ShouldBe("ALREADY_EXISTS");
    }

    [Fact]
    public async Task Only_treasurers_and_admins_record_payments()
    {
        var (member, _) = await PeopleAsync();
        var input = new { input = new { memberId = member.MemberId, amount = new { amount = "10", currency = "GBP" }, paidOn = Today(fixture) } };
        (await fixture.Client.PostAsync(Record, input, member.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var organiser = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER");
        (await fixture.Client.PostAsync(Record, input, organiser.Token)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_member_pledges_a_new_contribution()
    {
        var (member, _) = await PeopleAsync();
        var response = await MemberApi.MutateAsync(fixture, "pledgeContribution", "PledgeContributionInput",
            new { contribution = new { amount = "60", currency = "GBP" }, contributionFrequency = "YEARLY" }, member.Token,
            "member { contribution { amount currency } contributionFrequency }");
        response.UserErrors("pledgeContribution").ShouldBeEmpty();
        response["pledgeContribution.member.contribution.amount"]!.GetValue<string>().ShouldBe("60");
        response["pledgeContribution.member.contributionFrequency"]!.GetValue<string>().ShouldBe("YEARLY");
        var bad = await MemberApi.MutateAsync(fixture, "pledgeContribution", "PledgeContributionInput",
            new { contribution = new { amount = "0", currency = "GBP" }, contributionFrequency = "MONTHLY" }, member.Token, "member { id }");
        bad.UserErrors("pledgeContribution").Single().Field.ShouldBe("input.contribution.amount");
    }

    [Fact]
    public async Task Three_months_in_arrears_lapses_the_member_and_paying_up_restores_them()
    {
        var (member, treasurer) = await PeopleAsync();
        var id = GlobalId.TryDecode(member.MemberId, "Member")!.Value;

        // The approval scheduled the arrears check, durably, for the day the member would lapse.
        (await ScheduledMessages.CountAsync(fixture.ConnectionString, "CheckArrears", "membership")).ShouldBeGreaterThanOrEqualTo(1);

        fixture.Clock.Advance(TimeSpan.FromDays(130));
        await fixture.Services.GetRequiredService<IMessageBus>().InvokeAsync(new CheckArrears(id));
        var lapsed = await fixture.Client.DataAsync("{ me { status monthsInArrears arrears { amount } history(first: 1) { nodes { type } } } }", token: member.Token);
        lapsed["me"]!["status"]!.GetValue<string>().ShouldBe("LAPSED");
        lapsed["me"]!["history"]!["nodes"]![0]!["type"]!.GetValue<string>().ShouldBe("LAPSED");
        var owed = lapsed["me"]!["arrears"]!["amount"]!.GetValue<string>();

        var paid = await fixture.Client.PostAsync(Record, new { input = new { memberId = member.MemberId, amount = new { amount = owed, currency = "GBP" }, paidOn = Today(fixture) } }, treasurer.Token);
        paid.UserErrors("recordContributionPayment").ShouldBeEmpty();
        paid["recordContributionPayment.member.status"]!.GetValue<string>().ShouldBe("ACTIVE");
        paid["recordContributionPayment.member.monthsInArrears"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task An_arrears_check_before_three_months_changes_nothing()
    {
        var (member, _) = await PeopleAsync();
        var id = GlobalId.TryDecode(member.MemberId, "Member")!.Value;
        await fixture.Services.GetRequiredService<IMessageBus>().InvokeAsync(new CheckArrears(id));
        (await fixture.Client.DataAsync("{ me { status } }", token: member.Token))["me"]!["status"]!.GetValue<string>().ShouldBe("ACTIVE");
    }

    [Fact]
    public async Task Branch_totals_sum_payments_per_month()
    {
        var admin = await fixture.AdminTokenAsync();
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin);
        var a = await MemberApi.JoinAsync(fixture, branch);
        var b = await MemberApi.JoinAsync(fixture, branch);
        var treasurer = await MemberApi.JoinAsync(fixture, branch, "TREASURER");
        foreach (var (m, amount) in new[] { (a, "10.00"), (b, "5.50"), (a, "2.25") })
            (await fixture.Client.PostAsync(Record, new { input = new { memberId = m.MemberId, amount = new { amount, currency = "GBP" }, paidOn = Today(fixture), reference = Guid.NewGuid().ToString() } }, treasurer.Token))
                .UserErrors("recordContributionPayment").ShouldBeEmpty();
        var data = await fixture.Client.DataAsync("query($id: ID!) { branch(id: $id) { contributionTotals(months: 3) { month total { amount currency } payments } } }", new { id = branch }, treasurer.Token);
        var totals = data["branch"]!["contributionTotals"]!.AsArray();
        totals.Count.ShouldBe(1);
        totals[0]!["total"]!["amount"]!.GetValue<string>().ShouldBe("17.75");
        totals[0]!["payments"]!.GetValue<int>().ShouldBe(3);
        var member = await fixture.Client.DataAsync("query($id: ID!) { branch(id: $id) { contributionTotals { month } } }", new { id = branch }, a.Token.Length > 0 ? (await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "ORGANISER")).Token : "");
        member["branch"]!["contributionTotals"].ShouldBeNull(); // an organiser of another branch
    }
}
