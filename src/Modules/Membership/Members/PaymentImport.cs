using System.Globalization;
using System.Text;
using Marten;
using Wolverine;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Members;

/// <summary>Import payments from a CSV export (e.g. a bank's): one row per payment.</summary>
public sealed record ImportContributionPayments(string Csv, bool DryRun, Actor Actor);

public enum ImportRowStatus
{
    Matched,
    Skipped,
    Refused,
}

public sealed record ImportRow(int Line, ImportRowStatus Status, string Message, Guid? MemberId, decimal? Amount, string? Currency, DateOnly? PaidOn, string? Reference);

/// <summary>The per-row report; <see cref="Applied"/> says whether the matched rows were recorded (all of them, or none).</summary>
public sealed record ImportReport(bool Applied, IReadOnlyList<ImportRow> Rows, IReadOnlyList<UserError> Errors, bool Forbidden = false)
{
    public int Matched => Rows.Count(r => r.Status == ImportRowStatus.Matched);
    public int Skipped => Rows.Count(r => r.Status == ImportRowStatus.Skipped);
    public int Refused => Rows.Count(r => r.Status == ImportRowStatus.Refused);
}

/// <summary>
/// Columns (a header row, any order, case-insensitive): <c>date</c> (yyyy-mm-dd or dd/mm/yyyy), <c>amount</c>,
/// <c>member</c> (email or member id), optional <c>reference</c> and <c>currency</c> (default: the member's
/// pledge currency). Rows already recorded (same member, day, amount, reference) are skipped. When any row
/// is refused, nothing is recorded: fix the file and import it again. All matched rows are recorded in one
/// transaction.
/// </summary>
public static class PaymentImportHandler
{
    public const int MaxRows = 5000;

    public static async Task<(ImportReport, OutgoingMessages)> Handle(ImportContributionPayments command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        if (!command.Actor.Has(Roles.Treasurer) && !command.Actor.IsAdmin) return (new ImportReport(false, [], [], true), outgoing);
        if (!Csv.TryParse(command.Csv, out var table, out var problem))
            return (new ImportReport(false, [], [UserError.Validation("input.csv", problem)]), outgoing);
        if (table.Count < 2) return (new ImportReport(false, [], [UserError.Validation("input.csv", "The file has no rows under its header.")]), outgoing);
        if (table.Count - 1 > MaxRows) return (new ImportReport(false, [], [UserError.Validation("input.csv", $"At most {MaxRows} rows per import.")]), outgoing);

        var header = table[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Col(string name) => header.IndexOf(name);
        var (date, amount, memberCol, reference, currency) = (Col("date"), Col("amount"), Col("member"), Col("reference"), Col("currency"));
        var missing = new[] { ("date", date), ("amount", amount), ("member", memberCol) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0)
            return (new ImportReport(false, [], [UserError.Validation("input.csv", $"The header lacks the column(s): {string.Join(", ", missing)}.")]), outgoing);

        // Find every member the file names in two queries.
        var cells = table.Skip(1).Select(r => memberCol < r.Count ? r[memberCol].Trim() : "").ToList();
        var emailKeys = cells.Where(c => c.Contains('@', StringComparison.Ordinal)).Select(Emails.Key).Distinct().ToArray();
        var ids = cells.Select(ParseMemberId).OfType<Guid>().Distinct().ToArray();
        var byEmail = emailKeys.Length == 0 ? [] : (await session.Query<MemberProfile>().Where(m => m.EmailKey.IsOneOf(emailKeys)).ToListAsync(ct)).ToDictionary(m => m.EmailKey);
        var byId = ids.Length == 0 ? [] : (await session.LoadManyAsync<MemberProfile>(ct, ids)).ToDictionary(m => m.Id);

        var now = clock.GetUtcNow();
        var rows = new List<ImportRow>();
        var planned = new List<(MemberProfile Member, Money Amount, DateOnly PaidOn, string? Reference, string Key)>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < table.Count; i++)
        {
            var row = table[i];
            string Cell(int c) => c >= 0 && c < row.Count ? row[c].Trim() : "";
            var line = i + 1;
            var memberText = Cell(memberCol);
            var member = memberText.Contains('@', StringComparison.Ordinal)
                ? byEmail.GetValueOrDefault(Emails.Key(memberText))
                : ParseMemberId(memberText) is { } id ? byId.GetValueOrDefault(id) : null;
            var refText = Cell(reference) is { Length: > 0 } r ? r : null;
            if (!TryDate(Cell(date), out var paidOn)) { rows.Add(new(line, ImportRowStatus.Refused, $"'{Cell(date)}' is not a date (yyyy-mm-dd or dd/mm/yyyy).", member?.Id, null, null, null, refText)); continue; }
            if (!TryAmount(Cell(amount), out var value)) { rows.Add(new(line, ImportRowStatus.Refused, $"'{Cell(amount)}' is not an amount.", member?.Id, null, null, paidOn, refText)); continue; }
            if (member is null || member.Erased) { rows.Add(new(line, ImportRowStatus.Refused, "No member has this email or id.", null, value, null, paidOn, refText)); continue; }
            var money = new Money(value, Cell(currency) is { Length: > 0 } cur ? cur.ToUpperInvariant() : member.Ledger.Currency);
            if (ContributionHandler.CheckPayment(member, money, paidOn, refText, now) is { } refusal)
            {
                rows.Add(new(line, ImportRowStatus.Refused, refusal.Message, member.Id, value, money.Currency, paidOn, refText));
                continue;
            }
            var key = ContributionPayment.KeyOf(member.Id, paidOn, value, refText);
            if (!seenKeys.Add(key))
            {
                rows.Add(new(line, ImportRowStatus.Skipped, "The same payment appears earlier in the file.", member.Id, value, money.Currency, paidOn, refText));
                continue;
            }
            planned.Add((member, money, paidOn, refText, key));
            rows.Add(new(line, ImportRowStatus.Matched, "Matched.", member.Id, value, money.Currency, paidOn, refText));
        }

        // Payments recorded before (an export imported twice) are skipped.
        var keys = planned.Select(p => p.Key).ToArray();
        var existing = keys.Length == 0 ? [] : (await session.Query<ContributionPayment>().Where(p => p.DuplicateKey.IsOneOf(keys)).Select(p => p.DuplicateKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (existing.Count > 0)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var r = rows[i];
                if (r.Status == ImportRowStatus.Matched && existing.Contains(ContributionPayment.KeyOf(r.MemberId!.Value, r.PaidOn!.Value, r.Amount!.Value, r.Reference)))
                    rows[i] = r with { Status = ImportRowStatus.Skipped, Message = "Recorded already." };
            }
            planned.RemoveAll(p => existing.Contains(p.Key));
        }

        var report = new ImportReport(false, rows, []);
        if (command.DryRun || report.Refused > 0 || planned.Count == 0) return (report, outgoing);

        foreach (var group in planned.GroupBy(p => p.Member.Id))
        {
            var stream = await session.Events.FetchForWriting<MemberProfile>(group.Key, ct);
            var member = stream.Aggregate!;
            var ledger = member.Ledger.Clone();
            var status = member.Status;
            foreach (var p in group)
                status = ContributionHandler.Record(session, stream, member, status, ledger, p.Amount, p.PaidOn, p.Reference, ContributionHandler.ImportSource, command.Actor.AccountId, now, p.Key);
            MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, member.Id, ledger, now);
            if (status != member.Status) outgoing.Add(new WorkersPower.Membership.Contracts.MemberStandingChanged(member.Id, WorkersPower.Membership.Contracts.MemberStanding.Active, now));
        }
        return (report with { Applied = true }, outgoing);
    }

    private static Guid? ParseMemberId(string text) =>
        GlobalId.TryDecode(text, "Member") ?? (Guid.TryParse(text, out var g) ? g : null);

    private static bool TryDate(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool TryAmount(string text, out decimal value)
    {
        var t = text.Trim().TrimStart('£', '€', '$').Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>A small RFC 4180 reader: commas, double-quoted fields with "" escapes, CRLF or LF line ends.</summary>
internal static class Csv
{
    public static bool TryParse(string text, out List<List<string>> rows, out string problem)
    {
        rows = [];
        problem = "";
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    if (row.Count > 1 || row[0].Length > 0) rows.Add(row);
                    row = [];
                    atFieldStart = true;
                    break;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }
        if (quoted)
        {
            problem = "A quoted field is not closed.";
            return false;
        }
        row.Add(field.ToString());
        if (row.Count > 1 || row[0].Length > 0) rows.Add(row);
        return true;
    }
}
