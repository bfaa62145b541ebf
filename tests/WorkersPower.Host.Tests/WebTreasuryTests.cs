using System.Globalization;
using WorkersPower.Testing;

namespace WorkersPower.Host.Tests;

/// <summary>
/// The treasury of the web client (/treasury and its pages) in a real headless Chromium driven by Playwright
/// (tests/conformance/treasury.mjs): a treasurer finds a member by the whole email a statement gives and records
/// their payment, imports a CSV with a bad row, fixes the row in place and records the file, and reads the
/// branch's contributions for the month; a member and an editor find the treasury is not theirs.
/// </summary>
public sealed class WebTreasuryTests(RealServerFixture fixture) : IClassFixture<RealServerFixture>
{
    private static readonly string[] Pages =
        ["treasury-find", "treasury-record", "treasury-import-refused", "treasury-import-checked", "treasury-import-recorded",
         "treasury-totals-all", "treasury-totals", "treasury-denied-member", "treasury-denied-editor"];

    private const string Alert = "This part is for treasurers. Your account does not hold that role; if you think it should, ask an admin.";

    [Fact]
    public async Task In_chromium_a_treasurer_records_a_payment_imports_a_fixed_file_once_and_reads_the_month_and_others_are_kept_out()
    {
        NodeScript.RequireChromiumAndAxe();
        var admin = await fixture.AdminTokenAsync();
        var branchName = $"Treasury {Guid.NewGuid():N}"[..17];
        var branch = await MembershipApi.CreateBranchAsync(fixture.Client, admin, branchName);
        var treasurer = await MemberApi.JoinAsync(fixture, await fixture.BranchAsync(), "TREASURER");
        var member1 = await MemberApi.JoinAsync(fixture, branch);
        var member2 = await MemberApi.JoinAsync(fixture, branch);
        var renamed = await MemberApi.MutateAsync(fixture, "updateMyProfile", "UpdateMyProfileInput", new { givenName = "Clara", familyName = "Zetkin" }, member2.Token);
        renamed.UserErrors("updateMyProfile").ShouldBeEmpty(renamed.Body);
        var member = await MemberApi.JoinAsync(fixture, branch);
        var editor = await MemberApi.JoinAsync(fixture, branch, "EDITOR");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var csv = $"date,amount,member,reference\n{today},5.00,{member1.Email},CSV-1\n{today},7.50,{member2.MemberId},CSV-2\n{today},abc,{member2.Email},CSV-3\n";
        var fixedCsv = csv.Replace(",abc,", ",3.25,", StringComparison.Ordinal);

        var shots = Directory.CreateTempSubdirectory("wp-web-treasury-").FullName;
        try
        {
            var (exitCode, text) = await NodeScript.RunAsync("treasury.mjs", fixture.ServerAddress!.ToString(), shots, MemberApi.Password,
                treasurer.Email, member1.Email, BareId(member2.MemberId), branchName, csv, fixedCsv, member.Email, editor.Email);
            exitCode.ShouldBe(0, text);
            var lines = text.Split('\n');
            string Line(string prefix) => lines.SingleOrDefault(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)) ?? throw new ShouldAssertException($"No {prefix} line in:\n{text}");
            string[] Rows(string tag) => [.. lines.Where(l => l.StartsWith($"ROW {tag} ", StringComparison.Ordinal)).Select(l => l[($"ROW {tag} ".Length)..])];
            string Menu(string who) => Line($"MENU {who}")[($"MENU {who} ".Length)..];

            Menu("treasurer").Split(" | ").ShouldContain("Treasury");
            Line("AREANAV").ShouldBe("AREANAV Record a payment | Import payments | Contributions current=Record a payment");
            Line("FINDPARTIAL").ShouldBe("FINDPARTIAL No member has exactly this email address.");
            Line("BYNAME").ShouldBe($"BYNAME 1 member found. | Clara Zetkin {branchName} · active");
            Line("BYID").ShouldStartWith($"BYID Clara Zetkin | Branch {branchName} Standing active Pledge £");
            Line("BYID").ShouldEndWith("Arrears Up to date");
            Line("BYEMAIL").ShouldStartWith($"BYEMAIL Rosa Worker | Branch {branchName} Standing active Pledge £");
            Line("PAYERROR").ShouldBe("PAYERROR Give the amount paid, e.g. 12.50. describedby=amount-hint amount-error");
            Line("PAID").ShouldStartWith("PAID Recorded £12.50 paid on ");
            Line("PAID").ShouldEndWith(" by Rosa Worker (reference BANK-REC-1). Arrears now: up to date. | Up to date");
            Line("MUTATIONS record").ShouldBe("MUTATIONS record recordContributionPayment");

            Line("CSVERROR").ShouldBe("CSVERROR The header lacks the column(s): member. describedby=csv-hint csv-error");
            Line("LOADED").ShouldBe("LOADED statement.csv is loaded into the text below (4 lines): check it, and fix any row there. same=true");
            Line("CHECK").ShouldBe("CHECK Checked: 2 rows to record, 0 skipped, 1 refused. Nothing is recorded while any row is refused: fix line 4 in the text, then check again. | record=0");
            var day = Rows("CHECK")[0].Split(" | ")[3];
            Rows("CHECK").ShouldBe([
                $"2 | Rosa Worker | £5.00 | {day} | Matched | Matched.",
                $"3 | Clara Zetkin | £7.50 | {day} | Matched | Matched.",
                $"4 | Clara Zetkin |  | {day} | Refused | 'abc' is not an amount."]);
            Line("MUTATIONS import").ShouldBe("MUTATIONS import importContributionPayments"); // no "Record the payments" while a row is refused
            Line("CHECK2").ShouldBe("CHECK2 Checked: 3 rows to record, 0 skipped, 0 refused. No row is refused: record the payments when you are ready. | record=1");
            Rows("CHECK2")[2].ShouldBe($"4 | Clara Zetkin | £3.25 | {day} | Matched | Matched.");
            Line("APPLIED").ShouldBe("APPLIED Recorded 3 payments. | record=0");
            Rows("APPLIED").Length.ShouldBe(3);

            Line("TOTALS").ShouldStartWith("TOTALS £28.25 paid in 4 payments. | ");
            Line("TOTALS").ShouldEndWith(" £28.25"); // this month's row: the payment recorded by hand and the three imported
            Line("MONTHS").ShouldStartWith("MONTHS 3 ");
            Line("MONTHS").ShouldEndWith(" £28.25");

            Line("DENIED member").ShouldBe($"DENIED member /treasury | Treasury | {Alert} | mutations=0");
            Line("DENIED editor").ShouldBe($"DENIED editor /treasury | Treasury | {Alert} | mutations=0");
            Menu("member").Split(" | ").ShouldNotContain("Treasury");
            Menu("editor").Split(" | ").ShouldNotContain("Treasury");
            Menu("editor").Split(" | ").ShouldContain("Editing");

            foreach (var page in new[] { "find", "record", "import-refused", "import-checked", "import-recorded", "totals-all", "totals", "denied-member", "denied-editor" })
                Line($"AXE {page}").ShouldBe($"AXE {page} none");
            lines.ShouldNotContain(l => l.StartsWith("SIDEWAYS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("PAGEERRORS", StringComparison.Ordinal), text);
            lines.ShouldNotContain(l => l.StartsWith("CONSOLE", StringComparison.Ordinal), text);
            foreach (var page in Pages)
            foreach (var size in new[] { "390x844", "1280x800" })
                new FileInfo(Path.Combine(shots, $"{page}-{size}.png")).Length.ShouldBeGreaterThan(10_000);

            // what the server holds: each payment exactly once
            (await PaymentsAsync(member1.MemberId, admin)).ShouldBe(["12.50 BANK-REC-1", "5.00 CSV-1"], ignoreOrder: true);
            (await PaymentsAsync(member2.MemberId, admin)).ShouldBe(["7.50 CSV-2", "3.25 CSV-3"], ignoreOrder: true);
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WP_KEEP_SCREENSHOTS") is null) Directory.Delete(shots, recursive: true);
        }
    }

    /// <summary>The member's id as a statement may give it: the bare number (a Guid with dashes), not the global id.</summary>
    private static string BareId(string globalId)
    {
        var text = System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(globalId));
        return Guid.ParseExact(text["Member:".Length..], "N").ToString("D");
    }

    private async Task<string[]> PaymentsAsync(string memberId, string admin)
    {
        var data = await fixture.Client.DataAsync("query($id: ID!) { node(id: $id) { ... on Member { contributionPayments(first: 20) { nodes { amount { amount } reference } } } } }", new { id = memberId }, admin);
        return [.. data["node"]!["contributionPayments"]!["nodes"]!.AsArray().Select(n =>
            $"{decimal.Parse(n!["amount"]!["amount"]!.ToString(), CultureInfo.InvariantCulture):0.00} {n["reference"]!.GetValue<string>()}")];
    }
}
