namespace WorkersPower.Membership.Applications;

/// <summary>approveMembershipApplication: an organiser approves a pending application into their branch (an admin into any).</summary>
[Description("Which application to approve, into which branch.")]
public sealed record ApproveMembershipApplicationInput(
    [property: Id, Description("The application's global id.")] string ApplicationId,
    [property: Id, Description("The branch's global id.")] string BranchId);

/// <summary>What the approval's rules look at besides the application, read by the handler.</summary>
/// <param name="Previous">The former member's record a renewal continues (the application's PreviousMemberId), if any.</param>
/// <param name="Account">For a renewal, the former member's account; else the account that already has the applicant's email, if any.</param>
/// <param name="Latest">When an account has the email: the application read again (another organiser may just have approved it).</param>
/// <param name="AccountHolder">When an account has the email: the member record it belongs to.</param>
public sealed record ApprovalFacts(bool BranchExists, MemberProfile? Previous = null, Account? Account = null, MembershipApplication? Latest = null, MemberProfile? AccountHolder = null);

public sealed record ApproveMembershipApplication(Guid ApplicationId, Guid BranchId, Actor Actor)
{
    public Guid DecidedBy => Actor.AccountId;

    /// <summary>
    /// The rules: admins approve into any branch, an organiser an application they see into their own branch only;
    /// a pending application; a branch that exists. A former (resigned) member's record is renewed, with a new invitation
    /// only when their account was never activated; anyone else becomes a new member with a seven-day invitation, unless
    /// an account has their email already. <paramref name="memberId"/>: the new member's id. The application's consent to
    /// contact (and email, for a new member) and its programme revision become ledger entries (source JOIN_FORM).
    /// </summary>
    public Decision Decide(MembershipApplication? application, ApprovalFacts facts, Guid memberId, DateTimeOffset now)
    {
        if (application is not null && !Actor.MayApprove(application, BranchId))
            return Decision.Deny("Organisers approve applications they see (for their branch or for no branch) into their own branch only.");
        if (MembershipApplication.CheckDecidable(application) is { } refusal) return Decision.Refuse(refusal);
        if (!facts.BranchExists) return Decision.Refuse(BranchRules.NoSuchBranch);
        var a = application!.Applicant;

        if (application.PreviousMemberId is { } previousId)
        {
            if (facts.Previous is not { Erased: false, Status: MembershipStatus.Resigned })
                return Decision.Refuse(UserError.InvalidState("The earlier member record this application renews is no longer resigned."));
            var renewed = new MembershipRenewed(previousId, application.Id, BranchId, a.GivenName, a.FamilyName, a.Email, a.Phone, a.Postcode,
                a.Contribution, a.ContributionFrequency, DecidedBy, now);
            var approved = new MembershipApplicationApproved(application.Id, previousId, BranchId, DecidedBy, now);
            object[] rejoined = [approved, .. Ledger(previousId, newMember: false), renewed]; // rejoining is the latest news of the record
            return facts.Account is { CanSignIn: true } ? Decision.Accept(rejoined) : Decision.Accept([.. rejoined, Invitation(previousId)]);
        }

        if (facts.Account is not null)
        {
            // Either another organiser approved this very application a moment ago, or the person has an account already.
            if (MembershipApplication.CheckDecidable(facts.Latest) is { } decided) return Decision.Refuse(decided);
            if (facts.AccountHolder is { } holder && (holder.ApplicationId == application.Id || holder.ApplicationIds.Contains(application.Id)))
                return Decision.Refuse(UserError.Conflict("Someone else decided this application at the same moment: reload it."));
            return Decision.Refuse(UserError.AlreadyExists("Someone with this email already has an account.", "input", "applicationId"));
        }
        return Decision.Accept([
            new MembershipApplicationApproved(application.Id, memberId, BranchId, DecidedBy, now),
            new MembershipStarted(memberId, application.Id, BranchId, a.GivenName, a.FamilyName, a.Email, a.Phone, a.Postcode,
                a.Union, a.Workplace, a.Interests, a.Contribution, a.ContributionFrequency, DecidedBy, now),
            .. Ledger(memberId, newMember: true),
            Invitation(memberId)]);

        AccountInvitationIssued Invitation(Guid member) => new(member, now + InvitationTokens.Lifetime, DecidedBy, now);

        // the join form's consents and programme acceptance become the member's ledger entries, at the time of the application
        IEnumerable<object> Ledger(Guid member, bool newMember) =>
            [.. ConsentRules.FromJoinForm(member, newMember, application.SubmittedAt), .. ConsentRules.ProgrammeFromJoinForm(member, application.Programme, application.SubmittedAt)];
    }
}

/// <param name="Forbidden">Why the caller may not decide this application, or not into this branch (FORBIDDEN).</param>
public sealed record ApproveMembershipApplicationResult(Guid? MemberId, string? InvitationToken, IReadOnlyList<UserError> Errors, string? Forbidden = null);

public static class ApproveMembershipApplicationHandler
{
    public static async Task<(ApproveMembershipApplicationResult, OutgoingMessages)> Handle(
        ApproveMembershipApplication command, IDocumentSession session, Mailer mailer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outgoing = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<MembershipApplication>(command.ApplicationId, cancellationToken);
        var application = stream.Aggregate;
        IEventStream<MemberProfile>? previous = null;
        var facts = new ApprovalFacts(await session.LoadAsync<Branch>(command.BranchId, cancellationToken) is not null);
        if (application?.PreviousMemberId is { } previousId)
        {
            previous = await session.Events.FetchForWriting<MemberProfile>(previousId, cancellationToken);
            facts = facts with { Previous = previous.Aggregate, Account = await session.Query<Account>().FirstOrDefaultAsync(x => x.MemberId == previousId, cancellationToken) };
        }
        else if (application is not null && await session.Query<Account>().Where(x => x.Email == application.EmailKey).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            facts = facts with
            {
                Account = existing,
                Latest = await session.Query<MembershipApplication>().Where(x => x.Id == application.Id).FirstOrDefaultAsync(cancellationToken),
                AccountHolder = existing.MemberId is { } holder ? await session.LoadAsync<MemberProfile>(holder, cancellationToken) : null,
            };
        }

        var now = clock.GetUtcNow();
        var decision = command.Decide(application, facts, Guid.CreateVersion7(), now);
        if (!decision.Accepted) return (new(null, null, decision.Errors, decision.Forbidden), outgoing);
        var approved = decision.Events.OfType<MembershipApplicationApproved>().Single();
        var memberId = approved.MemberId;
        stream.AppendOne(approved);
        var memberEvents = decision.Events.Where(e => e is not MembershipApplicationApproved).ToArray();
        if (previous is not null) previous.AppendMany(memberEvents);
        else session.Events.StartStream<MemberProfile>(memberId, memberEvents);
        session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(application!.EmailKey));

        // The account: a new member's is made with the invitation; a former member's keeps its password, or gets a new invitation.
        // With mail on, the token is made by the mail's handler and travels only by mail; with mail off, the approver passes it on.
        string? token = null;
        if (decision.Events.OfType<AccountInvitationIssued>().SingleOrDefault() is { } invitation)
        {
            var account = facts.Account ?? new Account { Id = memberId, MemberId = memberId, Roles = [Roles.Member], CreatedAt = now };
            account.Email = application.EmailKey;
            token = mailer.Enabled ? null : InvitationTokens.Create();
            account.InvitationTokenHash = token is null ? null : InvitationTokens.Hash(token);
            account.InvitationExpiresAt = invitation.ExpiresAt;
            if (previous is null) session.Insert(account);
            else session.Store(account);
            if (mailer.Enabled) outgoing.Add(new SendInvitationMail(account.Id));
        }

        var a = application.Applicant;
        outgoing.Add(new MemberJoined(memberId, command.BranchId, $"{a.GivenName} {a.FamilyName}", now));
        if (previous is not null) outgoing.Add(new MemberStandingChanged(memberId, MemberStanding.Active, now));
        var ledger = new ContributionLedger();
        ledger.Pledge(a.Contribution, a.ContributionFrequency, DateOnly.FromDateTime(now.UtcDateTime));
        MemberLifecycleHandler.ScheduleArrearsCheck(outgoing, memberId, ledger, now);
        return (new(memberId, token, []), outgoing);
    }
}

public sealed record ApproveMembershipApplicationPayload(MemberProfile? Member, string? InvitationToken) : Payload;

public sealed class ApproveMembershipApplicationPayloadType : PayloadType<ApproveMembershipApplicationPayload>
{
    public ApproveMembershipApplicationPayloadType() : base("ApproveMembershipApplicationPayload", "The new member, and their invitation token when mail is off.")
    {
        Field<MemberType>("member").Description("The new member.").Resolve(ctx => ctx.Source.Member);
        Field<StringGraphType>("invitationToken")
            .Description("With mail off: a single-use token, valid 7 days, with which the member sets a password (activateAccount); pass it on to them, it is shown only here. Null when mail is on (the token travels only by mail, to the member) and when no invitation was needed (a former member whose account has a password).")
            .Resolve(ctx => ctx.Source.InvitationToken);
    }
}

internal sealed class ApproveMembershipApplicationField : IMutationField
{
    private static readonly UserError Decided = UserError.Conflict("Someone decided this application at the same moment: reload it.");

    /// <summary>Two organisers approving at once: the application's stream, or the account's unique email, refuses the second.</summary>
    private static readonly RaceAnswers Races = new(Decided, Decided);

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<ApproveMembershipApplicationPayloadType, AutoRegisteringInputObjectGraphType<ApproveMembershipApplicationInput>>("approveMembershipApplication",
                "Approve a pending application into a branch: the member record begins and the member is invited to set a password (by mail when mail is on; else the invitation token is returned to pass on). Admins approve into any branch; an organiser approves an application for their branch or for no branch into their own branch only (else FORBIDDEN).",
                "Which application, into which branch.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<ApproveMembershipApplicationInput>();
                if (GlobalId.TryDecode(input.ApplicationId, MembershipApplicationType.TypeName) is not { } applicationId)
                    return new ApproveMembershipApplicationPayload(null, null) { Errors = [MembershipApplication.NoSuchApplication] };
                if (GlobalId.TryDecode(input.BranchId, BranchType.TypeName) is not { } branchId)
                    return new ApproveMembershipApplicationPayload(null, null) { Errors = [BranchRules.NoSuchBranch] };
                var command = new ApproveMembershipApplication(applicationId, branchId, await ctx.RequireActorAsync());
                var result = await ctx.InvokeAsync(command, Races, error => new ApproveMembershipApplicationResult(null, null, [error]));
                if (result.Forbidden is { } why) throw MemberAccess.Forbidden(why);
                if (result.Errors.Count > 0) return new ApproveMembershipApplicationPayload(null, null) { Errors = result.Errors };
                await using var session = ctx.Session();
                return new ApproveMembershipApplicationPayload(await session.LoadAsync<MemberProfile>(result.MemberId!.Value, ctx.CancellationToken), result.InvitationToken);
            });
}
