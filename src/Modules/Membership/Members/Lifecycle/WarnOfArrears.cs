namespace WorkersPower.Membership.Members;

/// <summary>
/// Scheduled for the moment a member would reach <see cref="ContributionLedger.WarnAfterMonths"/> months of arrears
/// (beside <see cref="CheckArrears"/>, by every change that moves that day): tells them, before they lapse, once per
/// arrears episode.
/// </summary>
public sealed record WarnOfArrears(Guid MemberId)
{
    /// <summary>
    /// The rule: an active member two months (but not yet three) in arrears is warned, unless they were warned already
    /// in this episode (their payments still cover the same months as when they were). The warning is recorded whether
    /// or not mail is on (<paramref name="mailOn"/>): with mail off the history still shows it came due.
    /// </summary>
    public Decision Decide(MemberProfile? member, bool mailOn, DateTimeOffset now)
    {
        if (member is not { Erased: false, Status: MembershipStatus.Active }) return Decision.Unchanged;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var months = member.Ledger.MonthsInArrears(today);
        if (months is < ContributionLedger.WarnAfterMonths or >= ContributionLedger.LapseAfterMonths) return Decision.Unchanged;
        if (member.ArrearsWarnedFor == member.CoveredUntil) return Decision.Unchanged;
        var owed = new Money(member.Ledger.Arrears(today), member.Ledger.Currency);
        return Decision.Accept(new ArrearsWarningIssued(member.Id, months, owed, mailOn && member.Email.Length > 0, now));
    }
}

public static class WarnOfArrearsHandler
{
    /// <summary>Records the warning and, with mail on, mails it (<see cref="SendArrearsWarningMail"/>, in the same transaction).</summary>
    public static async Task<OutgoingMessages> Handle(WarnOfArrears command, IDocumentSession session, Mailer mailer, TimeProvider clock, CancellationToken ct)
    {
        var (stream, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, mailer.Enabled, clock.GetUtcNow()), ct);
        return decision.Events is [ArrearsWarningIssued { ByEmail: true } warning]
            ? [new SendArrearsWarningMail(warning.MemberId, stream.Aggregate!.CoveredUntil)]
            : [];
    }
}
