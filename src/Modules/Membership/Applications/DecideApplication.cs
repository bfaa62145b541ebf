using Marten;
using Wolverine;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.Applications;

/// <summary>An organiser approves a pending application into their branch (an admin into any).</summary>
public sealed record ApproveMembershipApplication(Guid ApplicationId, Guid BranchId, Actor Actor)
{
    public Guid DecidedBy => Actor.AccountId;
}

/// <param name="Forbidden">The caller may not decide this application, or not into this branch (FORBIDDEN).</param>
public sealed record ApproveMembershipApplicationResult(Guid? MemberId, string? InvitationToken, IReadOnlyList<UserError> Errors, bool Forbidden = false);

/// <summary>An organiser rejects a pending application they see, saying why.</summary>
public sealed record RejectMembershipApplication(Guid ApplicationId, string Reason, Actor Actor)
{
    public Guid DecidedBy => Actor.AccountId;
}

public sealed record RejectMembershipApplicationResult(MembershipApplication? Application, IReadOnlyList<UserError> Errors, bool Forbidden = false);

public static class DecideApplicationHandler
{
    /// <summary>The pure rule both decisions share: only a pending application can be decided.</summary>
    public static UserError? CheckDecidable(MembershipApplication? application) => application switch
    {
        null => UserError.NotFound("There is no such application.", "input", "applicationId"),
        { Status: not ApplicationStatus.Pending } => UserError.InvalidState($"This application was already {application.Status.ToString().ToLowerInvariant()}."),
        _ => null,
    };

    /// <summary>The pure decision: the events an approval records.</summary>
    public static (MembershipApplicationApproved Approved, MembershipStarted Started, AccountInvitationIssued Invitation) Approve(
        MembershipApplication application, Guid branchId, Guid memberId, Guid decidedBy, DateTimeOffset now)
    {
        var a = application.Applicant;
        return (
            new MembershipApplicationApproved(application.Id, memberId, branchId, decidedBy, now),
            new MembershipStarted(memberId, application.Id, branchId, a.GivenName, a.FamilyName, a.Email, a.Phone, a.Postcode,
                a.Union, a.Workplace, a.Interests, a.Contribution, a.ContributionFrequency, decidedBy, now),
            new AccountInvitationIssued(memberId, now + InvitationTokens.Lifetime, decidedBy, now));
    }

    public static async Task<(ApproveMembershipApplicationResult, OutgoingMessages)> Handle(
        ApproveMembershipApplication command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MembershipApplication>(command.ApplicationId, cancellationToken);
        if (stream.Aggregate is { } found && !command.Actor.MayApprove(found, command.BranchId)) return (new(null, null, [], Forbidden: true), outgoing);
        if (CheckDecidable(stream.Aggregate) is { } refusal) return (new(null, null, [refusal]), outgoing);
        var application = stream.Aggregate!;

        if (await session.LoadAsync<Branch>(command.BranchId, cancellationToken) is null)
            return (new(null, null, [UserError.NotFound("There is no such branch.", "input", "branchId")]), outgoing);
        if (application.PreviousMemberId is { } previousId)
            return await RenewAsync(command, session, clock, stream, application, previousId, outgoing, cancellationToken);

        if (await session.Query<Account>().Where(x => x.Email == application.EmailKey).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            // Either another organiser approved this very application a moment ago, or the person has an account already.
            var latest = await session.Query<MembershipApplication>().Where(x => x.Id == application.Id).FirstOrDefaultAsync(cancellationToken);
            if (CheckDecidable(latest) is { } decided) return (new(null, null, [decided]), outgoing);
            if (existing.MemberId is { } holder && await session.LoadAsync<MemberProfile>(holder, cancellationToken) is { } member &&
                (member.ApplicationId == application.Id || member.ApplicationIds.Contains(application.Id)))
                return (new(null, null, [UserError.Conflict("Someone else decided this application at the same moment: reload it.")]), outgoing);
            return (new(null, null, [UserError.AlreadyExists("Someone with this email already has an account.", "input", "applicationId")]), outgoing);
        }

        var now = clock.GetUtcNow();
        var memberId = Guid.CreateVersion7();
        var (approved, started, invitation) = Approve(application, command.BranchId, memberId, command.DecidedBy, now);
        var token = InvitationTokens.Create();

        stream.AppendOne(approved);
        session.Events.StartStream<MemberProfile>(memberId, started, invitation);
        session.Insert(new Account
        {
            Id = memberId,
            MemberId = memberId,
            Email = application.EmailKey,
            Roles = [Roles.Member],
            InvitationTokenHash = InvitationTokens.Hash(token),
            InvitationExpiresAt = invitation.ExpiresAt,
            CreatedAt = now,
        });
        session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(application.EmailKey));
        outgoing.Add(new MemberJoined(memberId, command.BranchId, $"{started.GivenName} {started.FamilyName}", now));
        var ledger = new ContributionLedger();
        ledger.Pledge(started.Contribution, started.ContributionFrequency, DateOnly.FromDateTime(now.UtcDateTime));
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, memberId, ledger, now);
        return (new(memberId, token, []), outgoing);
    }

    /// <summary>
    /// A former member rejoins: their old record is renewed (history kept) rather than a new one begun.
    /// Their account stays; a new invitation is issued only when it was never activated.
    /// </summary>
    private static async Task<(ApproveMembershipApplicationResult, OutgoingMessages)> RenewAsync(
        ApproveMembershipApplication command, IDocumentSession session, TimeProvider clock, JasperFx.Events.IEventStream<MembershipApplication> stream,
        MembershipApplication application, Guid memberId, OutgoingMessages outgoing, CancellationToken cancellationToken)
    {
        var member = await session.Events.FetchForWriting<MemberProfile>(memberId, cancellationToken);
        if (member.Aggregate is not { Erased: false, Status: MembershipStatus.Resigned })
            return (new(null, null, [UserError.InvalidState("The earlier member record this application renews is no longer resigned.")]), outgoing);
        var now = clock.GetUtcNow();
        var a = application.Applicant;
        stream.AppendOne(new MembershipApplicationApproved(application.Id, memberId, command.BranchId, command.DecidedBy, now));
        member.AppendOne(new MembershipRenewed(memberId, application.Id, command.BranchId, a.GivenName, a.FamilyName, a.Email, a.Phone, a.Postcode,
            a.Contribution, a.ContributionFrequency, command.DecidedBy, now));
        session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(application.EmailKey));

        string? token = null;
        var account = await session.Query<Account>().FirstOrDefaultAsync(x => x.MemberId == memberId, cancellationToken);
        if (account is null || !account.CanSignIn)
        {
            token = InvitationTokens.Create();
            var invitation = new AccountInvitationIssued(memberId, now + InvitationTokens.Lifetime, command.DecidedBy, now);
            member.AppendOne(invitation);
            account ??= new Account { Id = memberId, MemberId = memberId, Roles = [Roles.Member], CreatedAt = now };
            account.Email = application.EmailKey;
            account.InvitationTokenHash = InvitationTokens.Hash(token);
            account.InvitationExpiresAt = invitation.ExpiresAt;
            session.Store(account);
        }
        outgoing.Add(new MemberJoined(memberId, command.BranchId, $"{a.GivenName} {a.FamilyName}", now));
        outgoing.Add(new MemberStandingChanged(memberId, MemberStanding.Active, now));
        var ledger = new ContributionLedger();
        ledger.Pledge(a.Contribution, a.ContributionFrequency, DateOnly.FromDateTime(now.UtcDateTime));
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, memberId, ledger, now);
        return (new(memberId, token, []), outgoing);
    }

    public static async Task<RejectMembershipApplicationResult> Handle(
        RejectMembershipApplication command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rules = new TextRules();
        rules.Required("reason", command.Reason, 2000, "A reason");
        if (!rules.Ok) return new(null, rules.Errors);

        var stream = await session.Events.FetchForWriting<MembershipApplication>(command.ApplicationId, cancellationToken);
        if (stream.Aggregate is { } found && !command.Actor.SeesApplication(found)) return new(null, [], Forbidden: true);
        if (CheckDecidable(stream.Aggregate) is { } refusal) return new(null, [refusal]);
        var application = stream.Aggregate!;
        var rejected = new MembershipApplicationRejected(application.Id, command.Reason.Trim(), command.DecidedBy, clock.GetUtcNow(),
            application.BranchId ?? command.Actor.BranchId);
        stream.AppendOne(rejected);
        session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(application.EmailKey));
        MembershipApplicationProjection.Apply(rejected, application);
        return new(application, []);
    }
}
