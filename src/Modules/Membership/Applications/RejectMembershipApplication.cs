namespace WorkersPower.Membership.Applications;

/// <summary>rejectMembershipApplication: an organiser rejects a pending application they see, saying why.</summary>
[Description("Which application to reject, and why.")]
public sealed record RejectMembershipApplicationInput(
    [property: Id, Description("The application's global id.")] string ApplicationId,
    [property: Description("Why (up to 2000 characters); kept with the application.")] string Reason);

public sealed record RejectMembershipApplication(Guid ApplicationId, string Reason, Actor Actor)
{
    public Guid DecidedBy => Actor.AccountId;

    /// <summary>
    /// The rules: a reason of up to 2000 characters; admins reject any application, an organiser one they see (for their
    /// branch or for no branch); a pending application. It belongs from now on to the branch the applicant chose, else to
    /// the branch the rejecting organiser organises when they organise exactly one (else to no branch: admins and
    /// organisation-wide organisers see it).
    /// </summary>
    public Decision Decide(MembershipApplication? application, DateTimeOffset now)
    {
        var rules = new TextRules();
        rules.Required("reason", Reason, 2000, "A reason");
        if (!rules.Ok) return Decision.Refuse(rules.Errors);
        if (application is not null && !Actor.SeesApplication(application))
            return Decision.Deny("Organisers reject only applications they see: those for their branch or for no branch.");
        if (MembershipApplication.CheckDecidable(application) is { } refusal) return Decision.Refuse(refusal);
        return Decision.Accept(new MembershipApplicationRejected(application!.Id, Reason.Trim(), DecidedBy, now, application.BranchId ?? Actor.OnlyOrganisedBranch));
    }
}

public static class RejectMembershipApplicationHandler
{
    public static async Task<CommandResult> Handle(RejectMembershipApplication command, IDocumentSession session, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (stream, decision) = await session.DecideAsync<MembershipApplication>(command.ApplicationId, application => command.Decide(application, clock.GetUtcNow()), cancellationToken);
        if (decision.Events.Count > 0) session.Delete<PendingApplicationEmail>(PendingApplicationEmail.IdOf(stream.Aggregate!.EmailKey));
        return decision.ToResult(command.ApplicationId);
    }
}

public sealed record RejectMembershipApplicationPayload(MembershipApplication? Application) : Payload;

public sealed class RejectMembershipApplicationPayloadType : PayloadType<RejectMembershipApplicationPayload>
{
    public RejectMembershipApplicationPayloadType() : base("RejectMembershipApplicationPayload", "The rejected application.") =>
        Field<MembershipApplicationType>("application").Description("The application, now rejected.").Resolve(ctx => ctx.Source.Application);
}

internal sealed class RejectMembershipApplicationField : IMutationField
{
    private static readonly RaceAnswers Races = new(UserError.Conflict("Someone decided this application at the same moment: reload it."));

    public void AddTo(ObjectGraphType mutation) =>
        mutation.Mutation<RejectMembershipApplicationPayloadType, AutoRegisteringInputObjectGraphType<RejectMembershipApplicationInput>>("rejectMembershipApplication",
                "Reject a pending application with a reason (admins; organisers for applications for their branch or for no branch, else FORBIDDEN).",
                "Which application, and why.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.Input<RejectMembershipApplicationInput>();
                if (GlobalId.TryDecode(input.ApplicationId, MembershipApplicationType.TypeName) is not { } applicationId)
                    return new RejectMembershipApplicationPayload(null) { Errors = [MembershipApplication.NoSuchApplication] };
                var result = await ctx.InvokeAsync(new RejectMembershipApplication(applicationId, input.Reason, await ctx.RequireActorAsync()), Races);
                if (result.Id is not { } id) return new RejectMembershipApplicationPayload(null) { Errors = result.Errors };
                await using var session = ctx.Session();
                return new RejectMembershipApplicationPayload(await session.LoadAsync<MembershipApplication>(id, ctx.CancellationToken));
            });
}
