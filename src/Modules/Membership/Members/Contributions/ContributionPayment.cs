namespace WorkersPower.Membership.Members;

/// <summary>One payment, kept as a document for totals and lists. Holds no personal data beyond the member id.</summary>
public sealed class ContributionPayment
{
    public const string ManualSource = "MANUAL";
    public const string ImportSource = "IMPORT";

    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid BranchId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public DateOnly PaidOn { get; set; }
    public string? Reference { get; set; }
    public string Source { get; set; } = "";
    public Guid RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Orders a member's payments newest first with stable cursors.</summary>
    public long Sequence { get; set; }

    /// <summary>Identifies the same payment seen twice (e.g. a bank export imported again).</summary>
    public string DuplicateKey { get; set; } = "";

    /// <summary>A hash, so the key holds no reference text (which may name the member) after an erasure.</summary>
    public static string KeyOf(Guid memberId, DateOnly paidOn, decimal amount, string? reference) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{memberId:N}|{paidOn:yyyy-MM-dd}|{amount:0.00}|{reference?.Trim().ToUpperInvariant()}"))));

    /// <summary>The document of a recorded payment.</summary>
    public static ContributionPayment Of(ContributionPaymentRecorded e, Guid branchId) => new()
    {
        Id = e.PaymentId,
        MemberId = e.MemberId,
        BranchId = branchId,
        Amount = e.Amount.Amount,
        Currency = e.Amount.Currency,
        PaidOn = e.PaidOn,
        Reference = e.Reference,
        Source = e.Source,
        RecordedBy = e.By,
        RecordedAt = e.At,
        Sequence = PersonalDataRead.NextSequence(e.At),
        DuplicateKey = KeyOf(e.MemberId, e.PaidOn, e.Amount.Amount, e.Reference),
    };

    /// <summary>The rules every payment meets, whether typed in or imported (the first one broken, if any).</summary>
    public static UserError? Check(MemberProfile member, Money amount, DateOnly paidOn, string? reference, DateTimeOffset now)
    {
        var rules = new TextRules();
        if (amount.Amount <= 0 || amount.Amount > 100_000 || decimal.Round(amount.Amount, 2) != amount.Amount)
            rules.Fail("amount.amount", "The amount must be more than zero, at most 100000, with at most two decimal places.");
        else if (!string.Equals(amount.Currency, member.Ledger.Currency, StringComparison.Ordinal))
            rules.Fail("amount.currency", $"The member pledges in {member.Ledger.Currency}; record the payment in that currency.");
        if (paidOn > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1))) rules.Fail("paidOn", "The payment date is in the future.");
        rules.Optional("reference", reference, 200, "The reference");
        return rules.Errors.Count > 0 ? rules.Errors[0] : null;
    }

    /// <summary>
    /// The events of payments to a member, in order: each payment, and <see cref="MembershipRestored"/> when one
    /// brings a lapsed member to no arrears.
    /// </summary>
    public static IReadOnlyList<object> Pay(MemberProfile member, IEnumerable<(Money Amount, DateOnly PaidOn, string? Reference)> payments, string source, Guid by, DateTimeOffset now)
    {
        var events = new List<object>();
        var ledger = member.Ledger.Clone();
        var status = member.Status;
        foreach (var (amount, paidOn, reference) in payments)
        {
            events.Add(new ContributionPaymentRecorded(member.Id, Guid.CreateVersion7(), amount, paidOn, TextRules.Clean(reference), source, by, now));
            ledger.Pay(amount.Amount);
            if (status == MembershipStatus.Lapsed && ledger.MonthsInArrears(DateOnly.FromDateTime(now.UtcDateTime)) == 0)
            {
                events.Add(new MembershipRestored(member.Id, by, now));
                status = MembershipStatus.Active;
            }
        }
        return events;
    }
}
