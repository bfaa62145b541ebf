using Marten;
using Wolverine;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Members;

/// <summary>One payment, kept as a document for totals and lists. Holds no personal data beyond the member id.</summary>
public sealed class ContributionPayment
{
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
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{memberId:N}|{paidOn:yyyy-MM-dd}|{amount:0.00}|{reference?.Trim().ToUpperInvariant()}"))));
}

public sealed record PledgeContribution(Guid MemberId, Money Contribution, ContributionFrequency Frequency, Actor Actor);
public sealed record RecordContributionPayment(Guid MemberId, Money Amount, DateOnly PaidOn, string? Reference, Actor Actor);

public static class ContributionHandler
{
    public const string ManualSource = "MANUAL";
    public const string ImportSource = "IMPORT";

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(PledgeContribution command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var rules = new TextRules();
        ApplyForMembershipHandler.ValidateContribution(rules, "contribution", command.Contribution);
        if (!rules.Ok) return (MemberChangeResult.Refused(rules.Errors), outgoing);
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (!command.Actor.IsSelf(member)) return (MemberChangeResult.NotYours, outgoing);
        if (member.Status == MembershipStatus.Resigned) return (MemberChangeResult.Refused(UserError.InvalidState("You have resigned: apply again to rejoin.")), outgoing);
        var now = clock.GetUtcNow();
        var pledged = new ContributionPledged(member.Id, command.Contribution, command.Frequency, command.Actor.AccountId, now);
        stream.AppendOne(pledged);
        var ledger = member.Ledger.Clone();
        ledger.Pledge(command.Contribution, command.Frequency, DateOnly.FromDateTime(now.UtcDateTime));
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, member.Id, ledger, now);
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(RecordContributionPayment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (!command.Actor.Has(Roles.Treasurer) && !command.Actor.IsAdmin) return (MemberChangeResult.NotYours, outgoing);
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        var now = clock.GetUtcNow();
        if (CheckPayment(member, command.Amount, command.PaidOn, command.Reference, now) is { } refusal)
            return (MemberChangeResult.Refused(refusal), outgoing);
        var key = ContributionPayment.KeyOf(member.Id, command.PaidOn, command.Amount.Amount, command.Reference);
        if (await session.Query<ContributionPayment>().AnyAsync(p => p.DuplicateKey == key, ct))
            return (MemberChangeResult.Refused(UserError.AlreadyExists("This payment (member, day, amount and reference) is recorded already.", "input")), outgoing);
        var ledger = member.Ledger.Clone();
        var status = Record(session, stream, member, member.Status, ledger, command.Amount, command.PaidOn, command.Reference, ManualSource, command.Actor.AccountId, now, key);
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, member.Id, ledger, now);
        if (status != member.Status) outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Active, now));
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    /// <summary>The rules every payment meets, whether typed in or imported.</summary>
    internal static UserError? CheckPayment(MemberProfile member, Money amount, DateOnly paidOn, string? reference, DateTimeOffset now)
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
    /// Appends the payment to the member's stream and stores its document; <paramref name="ledger"/> (a copy)
    /// and the returned status follow the payment, so several payments of one member can be recorded in turn.
    /// </summary>
    internal static MembershipStatus Record(
        IDocumentSession session, JasperFx.Events.IEventStream<MemberProfile> stream, MemberProfile member, MembershipStatus status,
        ContributionLedger ledger, Money amount, DateOnly paidOn, string? reference, string source, Guid by, DateTimeOffset now, string key)
    {
        var paymentId = Guid.CreateVersion7();
        stream.AppendOne(new ContributionPaymentRecorded(member.Id, paymentId, amount, paidOn, TextRules.Clean(reference), source, by, now));
        session.Insert(new ContributionPayment
        {
            Id = paymentId,
            MemberId = member.Id,
            BranchId = member.BranchId,
            Amount = amount.Amount,
            Currency = amount.Currency,
            PaidOn = paidOn,
            Reference = TextRules.Clean(reference),
            Source = source,
            RecordedBy = by,
            RecordedAt = now,
            Sequence = PersonalDataRead.NextSequence(now),
            DuplicateKey = key,
        });
        ledger.Pay(amount.Amount);
        if (status == MembershipStatus.Lapsed && ledger.MonthsInArrears(DateOnly.FromDateTime(now.UtcDateTime)) == 0)
        {
            stream.AppendOne(new MembershipRestored(member.Id, by, now));
            return MembershipStatus.Active;
        }
        return status;
    }
}
