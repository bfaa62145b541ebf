namespace WorkersPower.Membership.Members;

/// <summary>importContributionPayments: a treasurer (or an admin) imports payments from a CSV export (e.g. a bank's), with a report per row.</summary>
[Description("A CSV file of payments: a header row with the columns date, amount, member (email or member id), and optionally reference and currency.")]
public sealed record ImportContributionPaymentsInput(
    [property: Description("The file's text (up to 5000 rows).")] string Csv,
    [property: Description("true: only report what would happen, record nothing (default false).")] bool? DryRun);

/// <summary>A row of the file under its header, as read (the cells trimmed).</summary>
public sealed record PaymentLine(int Line, string Date, string Amount, string Member, string? Reference, string Currency);

/// <summary>
/// Columns (a header row, any order, case-insensitive): <c>date</c> (yyyy-mm-dd or dd/mm/yyyy), <c>amount</c>,
/// <c>member</c> (email or member id), optional <c>reference</c> and <c>currency</c> (default: the member's
/// pledge currency). Rows already recorded (same member, day, amount, reference) are skipped. When any row
/// is refused, nothing is recorded: fix the file and import it again. All matched rows are recorded in one
/// transaction.
/// </summary>
public sealed record ImportContributionPayments(string Csv, bool DryRun, Actor Actor)
{
    public const int MaxRows = 5000;

    /// <summary>Treasurers (of a branch or of every branch) and admins import payments.</summary>
    public bool Allowed => Actor.TreasuresSomeBranch;

    /// <summary>Whose payments the actor records: members of a branch they treasure (every member for admins and organisation-wide treasurers).</summary>
    public bool Reaches(MemberProfile member) => Actor.TreasuresBranch(member.BranchId);

    /// <summary>The first rule: a readable file with a header naming date, amount and member, and 1 to 5000 rows.</summary>
    public (IReadOnlyList<PaymentLine> Lines, UserError? Problem) Read()
    {
        static (IReadOnlyList<PaymentLine>, UserError?) Problem(string message) => ([], UserError.Validation("input.csv", message));
        if (!CsvReader.TryParse(Csv, out var table, out var problem)) return Problem(problem);
        if (table.Count < 2) return Problem("The file has no rows under its header.");
        if (table.Count - 1 > MaxRows) return Problem($"At most {MaxRows} rows per import.");
        var header = table[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var (date, amount, member, reference, currency) = (header.IndexOf("date"), header.IndexOf("amount"), header.IndexOf("member"), header.IndexOf("reference"), header.IndexOf("currency"));
        var missing = new[] { ("date", date), ("amount", amount), ("member", member) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0) return Problem($"The header lacks the column(s): {string.Join(", ", missing)}.");
        return (table.Skip(1).Select((row, i) =>
        {
            string Cell(int c) => c >= 0 && c < row.Count ? row[c].Trim() : "";
            return new PaymentLine(i + 2, Cell(date), Cell(amount), Cell(member), Cell(reference) is { Length: > 0 } r ? r : null, Cell(currency));
        }).ToList(), null);
    }

    /// <summary>
    /// The rules of each row: a date, an amount, a member found by email or id (<paramref name="findMember"/>), a
    /// payment that meets <see cref="ContributionPayment.Check"/>; the same payment twice in the file counts once. A member
    /// outside <paramref name="reaches"/> (another branch than the treasurer's) is answered as no member, without saying
    /// whether one exists.
    /// </summary>
    public static IReadOnlyList<ImportRow> Match(IReadOnlyList<PaymentLine> lines, Func<string, MemberProfile?> findMember, DateTimeOffset now, Func<MemberProfile, bool>? reaches = null)
    {
        var rows = new List<ImportRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in lines)
        {
            var member = findMember(l.Member) is { } found && (reaches is null || reaches(found)) ? found : null;
            if (!TryDate(l.Date, out var paidOn)) { rows.Add(new(l.Line, ImportRowStatus.Refused, $"'{l.Date}' is not a date (yyyy-mm-dd or dd/mm/yyyy).", member?.Id, null, null, null, l.Reference)); continue; }
            if (!TryAmount(l.Amount, out var value)) { rows.Add(new(l.Line, ImportRowStatus.Refused, $"'{l.Amount}' is not an amount.", member?.Id, null, null, paidOn, l.Reference)); continue; }
            if (member is null || member.Erased) { rows.Add(new(l.Line, ImportRowStatus.Refused, reaches is null ? "No member has this email or id." : "No member whose payments you record has this email or id.", null, value, null, paidOn, l.Reference)); continue; }
            var money = new Money(value, l.Currency is { Length: > 0 } cur ? cur.ToUpperInvariant() : member.Ledger.Currency);
            if (ContributionPayment.Check(member, money, paidOn, l.Reference, now) is { } refusal)
                rows.Add(new(l.Line, ImportRowStatus.Refused, refusal.Message, member.Id, value, money.Currency, paidOn, l.Reference));
            else if (!seen.Add(ContributionPayment.KeyOf(member.Id, paidOn, value, l.Reference)))
                rows.Add(new(l.Line, ImportRowStatus.Skipped, "The same payment appears earlier in the file.", member.Id, value, money.Currency, paidOn, l.Reference));
            else
                rows.Add(new(l.Line, ImportRowStatus.Matched, "Matched.", member.Id, value, money.Currency, paidOn, l.Reference));
        }
        return rows;
    }

    /// <summary>
    /// The decision: payments recorded before (<paramref name="recordedKeys"/>: an export imported twice) are
    /// skipped; the matched rows are to be recorded (Applied) unless this is a dry run or any row is refused.
    /// </summary>
    public ImportReport Decide(IReadOnlyList<ImportRow> rows, IReadOnlySet<string> recordedKeys)
    {
        var report = new ImportReport(false, rows.Select(r => r.Status == ImportRowStatus.Matched && recordedKeys.Contains(r.Key)
            ? r with { Status = ImportRowStatus.Skipped, Message = "Recorded already." } : r).ToList(), []);
        return DryRun || report.Refused > 0 || report.Matched == 0 ? report : report with { Applied = true };
    }

    private static bool TryDate(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool TryAmount(string text, out decimal value)
    {
        var t = text.Trim().TrimStart('£', '€', '$').Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

public static class ImportContributionPaymentsHandler
{
    public static async Task<(ImportReport, OutgoingMessages)> Handle(ImportContributionPayments command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (!command.Allowed) return (new ImportReport(false, [], [], Forbidden: true), outgoing);
        var (lines, problem) = command.Read();
        if (problem is not null) return (new ImportReport(false, [], [problem]), outgoing);

        // Every member the file names, in two queries.
        var emailKeys = lines.Select(l => l.Member).Where(IsEmail).Select(Emails.Key).Distinct().ToArray();
        var ids = lines.Select(l => MemberId(l.Member)).OfType<Guid>().Distinct().ToArray();
        var byEmail = emailKeys.Length == 0 ? [] : (await session.Query<MemberProfile>().Where(m => m.EmailKey.IsOneOf(emailKeys)).ToListAsync(ct)).ToDictionary(m => m.EmailKey);
        var byId = ids.Length == 0 ? [] : (await session.LoadManyAsync<MemberProfile>(ct, ids)).ToDictionary(m => m.Id);
        MemberProfile? Find(string cell) => IsEmail(cell) ? byEmail.GetValueOrDefault(Emails.Key(cell)) : MemberId(cell) is { } id ? byId.GetValueOrDefault(id) : null;

        var now = clock.GetUtcNow();
        var rows = ImportContributionPayments.Match(lines, Find, now, command.Actor.TreasuresEveryBranch ? null : command.Reaches);
        var keys = rows.Where(r => r.Status == ImportRowStatus.Matched).Select(r => r.Key).ToArray();
        var recorded = keys.Length == 0 ? [] : (await session.Query<ContributionPayment>().Where(p => p.DuplicateKey.IsOneOf(keys)).Select(p => p.DuplicateKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var report = command.Decide(rows, recorded);
        if (!report.Applied) return (report, outgoing);

        foreach (var payments in report.Rows.Where(r => r.Status == ImportRowStatus.Matched).GroupBy(r => r.MemberId!.Value))
        {
            var stream = await session.Events.FetchForWriting<MemberProfile>(payments.Key, ct);
            var events = ContributionPayment.Pay(stream.Aggregate!, payments.Select(r => (new Money(r.Amount!.Value, r.Currency!), r.PaidOn!.Value, r.Reference)),
                ContributionPayment.ImportSource, command.Actor.AccountId, now);
            RecordContributionPaymentHandler.Store(session, stream, events, outgoing, now);
        }
        return (report, outgoing);
    }

    private static bool IsEmail(string cell) => cell.Contains('@', StringComparison.Ordinal);

    private static Guid? MemberId(string cell) => GlobalId.TryDecode(cell, MemberType.TypeName) ?? (Guid.TryParse(cell, out var g) ? g : null);
}

internal sealed class ImportContributionPaymentsField : IMutationField
{
    private static readonly UserError Busy = UserError.Conflict("Some of these members changed while importing: nothing was recorded; import the file again.");

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ImportContributionPaymentsPayloadType, AutoRegisteringInputObjectGraphType<ImportContributionPaymentsInput>>("importContributionPayments",
                "Import payments from a CSV file (e.g. a bank export) with a report per row; all matched rows are recorded together, or none when any row is refused (treasurers, admins). Each member the report names counts as a read of their data and is recorded, dry runs included.",
                "The file.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ImportContributionPaymentsInput>();
                var actor = await ctx.RequireActorAsync();
                var report = await ctx.InvokeAsync(new ImportContributionPayments(input.Csv, input.DryRun ?? false, actor), new RaceAnswers(Busy, Busy),
                    lost: error => new ImportReport(false, [], [error]));
                if (report.Forbidden) throw MemberAccess.Forbidden("Only treasurers and admins import payments.");
                // The report ties emails (and ids) in the file to members and their contributions: a read of each
                // member's data, dry runs included (once per member, in one write).
                var matched = report.Rows.Select(r => r.MemberId).OfType<Guid>().ToList();
                if (matched.Count > 0)
                    await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
                        .RecordReadsAsync(new PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles), matched, ctx.CancellationToken);
                return new ImportContributionPaymentsPayload(report) { Errors = report.Errors };
            });
}
