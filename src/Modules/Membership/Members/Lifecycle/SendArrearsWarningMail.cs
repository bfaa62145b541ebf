namespace WorkersPower.Membership.Members;

/// <summary>
/// Mails a member the arrears warning recorded by <see cref="WarnOfArrears"/>: transactional (about their membership),
/// so it goes whatever their mail preferences and carries no unsubscribe link. <paramref name="CoveredUntil"/> names
/// the arrears episode (the first month the payments did not cover), so a retry keeps the same Message-ID.
/// </summary>
public sealed record SendArrearsWarningMail(Guid MemberId, DateOnly CoveredUntil)
{
    public override string ToString() => $"{nameof(SendArrearsWarningMail)} {MemberId:N}";
}

public static class SendArrearsWarningMailHandler
{
    public const string Template = "arrears-warning";

    /// <summary>Sends the warning unless it no longer holds: the member erased, no longer active, or paid since (another episode, or out of arrears).</summary>
    public static async Task Handle(SendArrearsWarningMail message, IDocumentSession session, Mailer mailer, TimeProvider clock, CancellationToken ct)
    {
        if (!mailer.Enabled) return;
        var member = await session.LoadAsync<MemberProfile>(message.MemberId, ct);
        if (member is not { Erased: false, Status: MembershipStatus.Active } || member.Email.Length == 0 || member.CoveredUntil != message.CoveredUntil) return;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var months = member.Ledger.MonthsInArrears(today);
        if (months < ContributionLedger.WarnAfterMonths) return;
        var branch = await session.LoadAsync<Branch>(member.BranchId, ct);
        var values = new Dictionary<string, string>
        {
            ["Name"] = member.GivenName,
            ["Months"] = months.ToString(CultureInfo.InvariantCulture),
            ["Owed"] = $"{member.Ledger.Arrears(today):0.00} {member.Ledger.Currency}",
            ["Pledge"] = member.Contribution is { } c && member.ContributionFrequency is { } f ? $"{c.Amount:0.00} {c.Currency} {f.ToString().ToLowerInvariant()}" : "your pledge",
            ["LapseMonths"] = ContributionLedger.LapseAfterMonths.ToString(CultureInfo.InvariantCulture),
            ["LapsesOn"] = member.Ledger.LapsesAt().ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
            ["Branch"] = branch?.Name ?? "your branch",
        };
        var mail = mailer.Compose(MailId.Of(Template, member.Id, message.CoveredUntil), new MailRecipient(member.Email, member.DisplayName),
            typeof(MemberProfile).Assembly, Template, values);
        await mailer.SendAsync(mail, ct);
    }
}
