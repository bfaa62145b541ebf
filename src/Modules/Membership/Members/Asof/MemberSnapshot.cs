using WorkersPower.Membership.Grants;
using R = WorkersPower.Platform.Security.Roles;

namespace WorkersPower.Membership.Members;

/// <summary>
/// A member as they were at <see cref="At"/> (the end of <see cref="Day"/> in the organisation's time zone), folded
/// from their events by <see cref="MemberSnapshotFold"/>. <see cref="Joined"/> false: the member had not joined by
/// then (every other field is empty). Ids, a standing, a branch, roles and money: the events themselves are kept
/// in <see cref="Events"/> for whoever may read the member's history.
/// </summary>
public sealed record MemberSnapshot(
    Guid MemberId,
    DateOnly Day,
    DateTimeOffset At,
    bool Joined,
    MembershipStatus? Standing,
    Guid? BranchId,
    Money? Contribution,
    ContributionFrequency? ContributionFrequency,
    int? MonthsInArrears,
    Money? Arrears,
    IReadOnlyList<RoleGrant> Grants,
    IReadOnlyList<string> Roles,
    IReadOnlyList<IEvent> Events)
{
    /// <summary>In good standing: an ACTIVE member (suspended, lapsed and resigned members are not).</summary>
    public bool InGoodStanding => Standing == MembershipStatus.Active;
}

/// <summary>
/// The as-of fold, pure: a member's events (in stream order) and grants, asked about the end of one day. Each event
/// counts when it happened (its own time, e.g. <see cref="MembershipStarted.StartedAt"/>, which for imported or
/// migrated histories is earlier than when it was stored) at or before <c>at</c>, folded through
/// <see cref="MemberProfileProjection"/>'s own Create and Apply, so standing, branch, pledge and ledger follow the
/// same rules as the live member; except payments, which count by the day they were paid
/// (<see cref="ContributionPaymentRecorded.PaidOn"/> on or before the day), whenever they were recorded.
/// </summary>
public static class MemberSnapshotFold
{
    public static MemberSnapshot At(Guid memberId, IReadOnlyList<IEvent> events, IEnumerable<RoleGrant> grants, DateOnly day, DateTimeOffset at)
    {
        MemberProfile? member = null;
        var made = new List<IEvent>();
        foreach (var e in events)
        {
            if (e.Data is ContributionPaymentRecorded payment)
            {
                if (member is null || payment.PaidOn > day) continue;
                MemberProfileProjection.Apply(payment, member);
                made.Add(e);
                continue;
            }
            if (OccurredAt(e) > at) continue;
            if (member is null)
            {
                if (e.Data is MembershipStarted started) member = MemberProfileProjection.Create(started);
                else continue;
            }
            else Apply(member, e.Data);
            made.Add(e);
        }
        if (member is null) return new MemberSnapshot(memberId, day, at, false, null, null, null, null, null, null, [], [], []);

        var held = new GrantSet(grants, at);
        var roles = new List<string>();
        if (member.Status == MembershipStatus.Active && !member.Erased) roles.Add(R.Member);
        roles.AddRange(held.Roles);
        return new MemberSnapshot(memberId, day, at, true, member.Status, member.BranchId, member.Contribution, member.ContributionFrequency,
            member.Ledger.MonthsInArrears(day), new Money(member.Ledger.Arrears(day), member.Ledger.Currency), held.Active, roles, made);
    }

    /// <summary>When the event happened by its own account (the time it carries), else when it was stored.</summary>
    public static DateTimeOffset OccurredAt(IEvent e) => e.Data switch
    {
        MembershipStarted s => s.StartedAt,
        AccountInvitationIssued i => i.IssuedAt,
        AccountActivated a => a.ActivatedAt,
        MembershipResigned r => r.At,
        MembershipSuspended s => s.At,
        MembershipReinstated r => r.At,
        MembershipLapsed l => l.At,
        MembershipRestored r => r.At,
        MembershipRenewed r => r.At,
        MemberTransferred t => t.At,
        MemberRoleGranted g => g.At,
        MemberRoleRevoked r => r.At,
        MemberProfileUpdated u => u.At,
        MemberEmailChangeRequested r => r.At,
        MemberEmailChangeConfirmed c => c.At,
        MemberParticipationUpdated p => p.At,
        CommunicationPreferencesChanged c => c.At,
        UnsubscribedFromEmail u => u.At,
        ContributionPledged p => p.At,
        ArrearsWarningIssued w => w.At,
        ContributionPaymentRecorded p => p.At,
        MemberDataErased d => d.At,
        _ => e.Timestamp,
    };

    /// <summary>The member projection's rules for what a snapshot shows (standing, branch, pledge, ledger, erasure); other events change none of it.</summary>
    private static void Apply(MemberProfile m, object data)
    {
        switch (data)
        {
            case MembershipResigned e: MemberProfileProjection.Apply(e, m); break;
            case MembershipSuspended e: MemberProfileProjection.Apply(e, m); break;
            case MembershipReinstated e: MemberProfileProjection.Apply(e, m); break;
            case MembershipLapsed e: MemberProfileProjection.Apply(e, m); break;
            case MembershipRestored e: MemberProfileProjection.Apply(e, m); break;
            case MembershipRenewed e: MemberProfileProjection.Apply(e, m); break;
            case MemberTransferred e: MemberProfileProjection.Apply(e, m); break;
            case ContributionPledged e: MemberProfileProjection.Apply(e, m); break;
            case MemberDataErased e: MemberProfileProjection.Apply(e, m); break;
        }
    }
}
