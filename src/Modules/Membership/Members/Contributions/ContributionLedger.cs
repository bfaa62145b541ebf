namespace WorkersPower.Membership.Members;

/// <summary>
/// What a member has pledged and paid, month by month. A pledge accrues from the first day of the
/// month it was made; each month is due once it has ended. Payments cover whole months in order;
/// a month paid in part counts as unpaid. Yearly and quarterly pledges accrue a twelfth or a third
/// a month, so paying a year ahead covers the next twelve months.
/// </summary>
public sealed class ContributionLedger
{
    /// <summary>Months in arrears at which a member lapses.</summary>
    public const int LapseAfterMonths = 3;

    /// <summary>Months in arrears at which a member is warned that they will lapse (<see cref="WarnOfArrears"/>).</summary>
    public const int WarnAfterMonths = 2;

    public decimal MonthlyAmount { get; set; }
    public string Currency { get; set; } = "GBP";

    /// <summary>Owed under earlier pledges, up to <see cref="PledgeSince"/>.</summary>
    public decimal AccruedBefore { get; set; }

    /// <summary>First day of the month the current pledge accrues from.</summary>
    public DateOnly PledgeSince { get; set; }

    public decimal Paid { get; set; }

    public static decimal Monthly(decimal amount, ContributionFrequency frequency) => frequency switch
    {
        ContributionFrequency.Quarterly => amount / 3m,
        ContributionFrequency.Yearly => amount / 12m,
        _ => amount,
    };

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year * 12 + to.Month) - (from.Year * 12 + from.Month);

    public void Pledge(Money amount, ContributionFrequency frequency, DateOnly on)
    {
        var month = MonthOf(on);
        if (MonthlyAmount > 0) AccruedBefore += Math.Max(0, MonthsBetween(PledgeSince, month)) * MonthlyAmount;
        MonthlyAmount = Monthly(amount.Amount, frequency);
        Currency = amount.Currency;
        PledgeSince = month;
    }

    public void Pay(decimal amount) => Paid += amount;

    /// <summary>What was due by the start of the month of <paramref name="asOf"/>.</summary>
    public decimal Owed(DateOnly asOf) => AccruedBefore + Math.Max(0, MonthsBetween(PledgeSince, asOf)) * MonthlyAmount;

    public decimal Arrears(DateOnly asOf) => decimal.Round(Math.Max(0, Owed(asOf) - Paid), 2);

    /// <summary>First day of the first month the payments do not fully cover.</summary>
    public DateOnly CoveredUntil()
    {
        if (MonthlyAmount <= 0) return DateOnly.MaxValue;
        var months = (long)Math.Floor((Paid - AccruedBefore) / MonthlyAmount);
        return PledgeSince.AddMonths((int)Math.Clamp(months, -1200, 1200));
    }

    public int MonthsInArrears(DateOnly asOf) => MonthlyAmount <= 0 ? 0 : Math.Max(0, MonthsBetween(CoveredUntil(), asOf));

    /// <summary>When the member lapses if nothing more is paid.</summary>
    public DateTimeOffset LapsesAt() => InArrearsAt(LapseAfterMonths);

    /// <summary>When the member will be <paramref name="months"/> months in arrears if nothing more is paid (MaxValue: never).</summary>
    public DateTimeOffset InArrearsAt(int months)
    {
        var day = CoveredUntil();
        return day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(day.AddMonths(months).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }
}

public static class ContributionLedgerExtensions
{
    public static ContributionLedger Clone(this ContributionLedger l) => new()
    {
        MonthlyAmount = l.MonthlyAmount,
        Currency = l.Currency,
        AccruedBefore = l.AccruedBefore,
        PledgeSince = l.PledgeSince,
        Paid = l.Paid,
    };

    /// <summary>A copy of the ledger as it will be once these events (pledges and payments among them) are recorded.</summary>
    public static ContributionLedger With(this ContributionLedger l, IEnumerable<object> events)
    {
        var ledger = l.Clone();
        foreach (var e in events)
            switch (e)
            {
                case ContributionPledged p: ledger.Pledge(p.Contribution, p.Frequency, DateOnly.FromDateTime(p.At.UtcDateTime)); break;
                case ContributionPaymentRecorded p: ledger.Pay(p.Amount.Amount); break;
            }
        return ledger;
    }
}
