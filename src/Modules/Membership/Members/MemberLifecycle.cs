using Marten;
using Wolverine;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Contracts;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Members;

public sealed record ResignMembership(Guid MemberId, string? Reason, Actor Actor);
public sealed record SuspendMember(Guid MemberId, string Reason, Actor Actor);
public sealed record ReinstateMember(Guid MemberId, string Reason, Actor Actor);
public sealed record TransferMember(Guid MemberId, Guid BranchId, Actor Actor);
public sealed record GrantRole(Guid MemberId, string Role, Actor Actor);
public sealed record RevokeRole(Guid MemberId, string Role, Actor Actor);

/// <summary>Scheduled for the moment a member would reach three months of arrears; lapses them if nothing was paid.</summary>
public sealed record CheckArrears(Guid MemberId);

/// <summary>The outcome of a change to a member: the member's id, or why not (Forbidden: outside the actor's scope).</summary>
/// <param name="Message">Something the caller should know about a change that succeeded (e.g. that it waits for confirmation).</param>
public sealed record MemberChangeResult(Guid? MemberId, IReadOnlyList<UserError> Errors, bool Forbidden = false, string? Message = null)
{
    public static MemberChangeResult Ok(Guid memberId, string? message = null) => new(memberId, [], Message: message);
    public static MemberChangeResult Refused(UserError error) => new(null, [error]);
    public static MemberChangeResult Refused(IReadOnlyList<UserError> errors) => new(null, errors);
    public static readonly MemberChangeResult NotYours = new(null, [], true);
    public static readonly MemberChangeResult NoSuchMember = new(null, [UserError.NotFound("There is no such member.", "input", "memberId")]);
}

/// <summary>Standing, branch and roles: who may change them and the events each change records.</summary>
public static class MemberLifecycleHandler
{
    internal static UserError? Reason(string? reason, bool required, string field = "reason")
    {
        var rules = new TextRules();
        if (required) rules.Required(field, reason, 1000, "A reason");
        else rules.Optional(field, reason, 1000, "The reason");
        return rules.Errors.Count > 0 ? rules.Errors[0] : null;
    }

    /// <summary>Schedules the arrears check for when the member would lapse, if that is in the next years.</summary>
    internal static void ScheduleArrearsCheck(OutgoingMessages outgoing, Guid memberId, ContributionLedger ledger, DateTimeOffset now)
    {
        var at = ledger.LapsesAt();
        if (at == DateTimeOffset.MaxValue || at > now.AddYears(50)) return;
        outgoing.Add(new CheckArrears(memberId).ScheduledAt(at < now ? now : at));
    }

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(ResignMembership command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (!command.Actor.IsSelf(member)) return (MemberChangeResult.NotYours, outgoing);
        if (Reason(command.Reason, required: false) is { } bad) return (MemberChangeResult.Refused(bad), outgoing);
        if (member.Status == MembershipStatus.Resigned) return (MemberChangeResult.Refused(UserError.InvalidState("You have resigned already.")), outgoing);
        var now = clock.GetUtcNow();
        stream.AppendOne(new MembershipResigned(member.Id, TextRules.Clean(command.Reason), command.Actor.AccountId, now));
        outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Resigned, now));
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(SuspendMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (!command.Actor.Manages(member)) return (MemberChangeResult.NotYours, outgoing);
        if (Reason(command.Reason, required: true) is { } bad) return (MemberChangeResult.Refused(bad), outgoing);
        if (member.Status is not (MembershipStatus.Active or MembershipStatus.Lapsed))
            return (MemberChangeResult.Refused(UserError.InvalidState($"Only active or lapsed members can be suspended; this member is {member.Status.ToString().ToLowerInvariant()}.")), outgoing);
        var now = clock.GetUtcNow();
        stream.AppendOne(new MembershipSuspended(member.Id, command.Reason.Trim(), command.Actor.AccountId, now));
        outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Suspended, now));
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(ReinstateMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (!command.Actor.Manages(member)) return (MemberChangeResult.NotYours, outgoing);
        if (Reason(command.Reason, required: true) is { } bad) return (MemberChangeResult.Refused(bad), outgoing);
        if (member.Status != MembershipStatus.Suspended)
            return (MemberChangeResult.Refused(UserError.InvalidState("Only a suspended member can be reinstated.")), outgoing);
        var now = clock.GetUtcNow();
        stream.AppendOne(new MembershipReinstated(member.Id, command.Reason.Trim(), command.Actor.AccountId, now));
        outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Active, now));
        ScheduleArrearsCheck(outgoing, member.Id, member.Ledger, now);
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    public static async Task<(MemberChangeResult, OutgoingMessages)> Handle(TransferMember command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return (MemberChangeResult.NoSuchMember, outgoing);
        if (!command.Actor.Manages(member)) return (MemberChangeResult.NotYours, outgoing);
        if (await session.LoadAsync<Branch>(command.BranchId, ct) is null)
            return (MemberChangeResult.Refused(UserError.NotFound("There is no such branch.", "input", "branchId")), outgoing);
        if (member.BranchId == command.BranchId) return (MemberChangeResult.Refused(UserError.InvalidState("The member is in that branch already.")), outgoing);
        var now = clock.GetUtcNow();
        stream.AppendOne(new MemberTransferred(member.Id, member.BranchId, command.BranchId, command.Actor.AccountId, now));
        outgoing.Add(new MemberTransferredBranch(member.Id, member.BranchId, command.BranchId, now));
        return (MemberChangeResult.Ok(member.Id), outgoing);
    }

    public static Task<MemberChangeResult> Handle(GrantRole command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeRoleAsync(command.MemberId, command.Role, grant: true, command.Actor, session, clock, ct);

    public static Task<MemberChangeResult> Handle(RevokeRole command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ChangeRoleAsync(command.MemberId, command.Role, grant: false, command.Actor, session, clock, ct);

    private static async Task<MemberChangeResult> ChangeRoleAsync(
        Guid memberId, string role, bool grant, Actor actor, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!actor.IsAdmin) return MemberChangeResult.NotYours;
        var stream = await session.Events.FetchForWriting<MemberProfile>(memberId, ct);
        if (stream.Aggregate is not { Erased: false } member) return MemberChangeResult.NoSuchMember;
        var account = await session.Query<Account>().FirstOrDefaultAsync(a => a.MemberId == memberId, ct);
        if (account is null) return MemberChangeResult.Refused(UserError.NotFound("The member has no account.", "input", "memberId"));
        if (grant && account.Roles.Contains(role)) return MemberChangeResult.Refused(UserError.InvalidState($"The member holds {role} already."));
        if (!grant && !account.Roles.Contains(role)) return MemberChangeResult.Refused(UserError.InvalidState($"The member does not hold {role}."));
        if (!grant && role == Roles.Member) return MemberChangeResult.Refused(UserError.InvalidState("Every member holds MEMBER: suspend or erase the member instead."));
        if (!grant && role == Roles.Admin && actor.MemberId == memberId)
            return MemberChangeResult.Refused(UserError.InvalidState("You cannot revoke your own ADMIN role: ask another admin."));

        var now = clock.GetUtcNow();
        if (grant) account.Roles.Add(role);
        else account.Roles.Remove(role);
        session.Update(account);
        stream.AppendOne(grant
            ? new MemberRoleGranted(memberId, role, actor.AccountId, now)
            : new MemberRoleRevoked(memberId, role, actor.AccountId, now));
        return MemberChangeResult.Ok(memberId);
    }

    /// <summary>Lapses an active member three months (or more) in arrears.</summary>
    public static async Task<OutgoingMessages> Handle(CheckArrears command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MemberProfile>(command.MemberId, ct);
        if (stream.Aggregate is not { Erased: false, Status: MembershipStatus.Active } member) return outgoing;
        var now = clock.GetUtcNow();
        var months = member.Ledger.MonthsInArrears(DateOnly.FromDateTime(now.UtcDateTime));
        // No rescheduling here: every change that moves the lapse date schedules its own check.
        if (months >= ContributionLedger.LapseAfterMonths)
        {
            stream.AppendOne(new MembershipLapsed(member.Id, months, now));
            outgoing.Add(new MemberStandingChanged(member.Id, MemberStanding.Lapsed, now));
        }
        return outgoing;
    }
}
