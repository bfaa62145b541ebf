namespace WorkersPower.Membership.Members;

/// <summary>Scheduled for the moment a member would reach three months of arrears; lapses them if nothing was paid.</summary>
public sealed record CheckArrears(Guid MemberId)
{
    /// <summary>The rule: an active member three months (or more) in arrears lapses.</summary>
    public Decision Decide(MemberProfile? member, DateTimeOffset now)
    {
        if (member is not { Erased: false, Status: MembershipStatus.Active }) return Decision.Unchanged;
        var months = member.Ledger.MonthsInArrears(DateOnly.FromDateTime(now.UtcDateTime));
        return months >= ContributionLedger.LapseAfterMonths ? Decision.Accept(new MembershipLapsed(member.Id, months, now)) : Decision.Unchanged;
    }
}

/// <summary>
/// The arrears check: when it is scheduled (by every change that moves the day a member would lapse: an
/// approval, a pledge, a payment, a reinstatement) and what it does when it comes.
/// </summary>
public static class MemberLifecycleHandler
{
    /// <summary>
    /// Schedules the warning (<see cref="WarnOfArrears"/>) for when the member would be two months in arrears and the
    /// arrears check for when they would lapse, each if that is in the next years (at once when it has passed).
    /// </summary>
    internal static void ScheduleArrearsCheck(OutgoingMessages outgoing, Guid memberId, ContributionLedger ledger, DateTimeOffset now)
    {
        if (When(ledger.InArrearsAt(ContributionLedger.WarnAfterMonths), now) is { } warnAt) outgoing.Add(new WarnOfArrears(memberId).ScheduledAt(warnAt));
        if (When(ledger.LapsesAt(), now) is { } lapseAt) outgoing.Add(new CheckArrears(memberId).ScheduledAt(lapseAt));
    }

    private static DateTimeOffset? When(DateTimeOffset at, DateTimeOffset now) =>
        at == DateTimeOffset.MaxValue || at > now.AddYears(50) ? null : at < now ? now : at;

    /// <summary>Lapses an active member three months (or more) in arrears. No rescheduling here: every change that moves the lapse date schedules its own check.</summary>
    public static async Task<MemberStandingChanged?> Handle(CheckArrears command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (_, decision) = await session.DecideAsync<MemberProfile>(command.MemberId, member => command.Decide(member, clock.GetUtcNow()), ct);
        return decision.Events is [MembershipLapsed e] ? new MemberStandingChanged(e.MemberId, MemberStanding.Lapsed, e.At) : null;
    }
}
