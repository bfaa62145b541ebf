using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Contracts;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

/// <summary>The member lifecycle, contributions, self-service and data rights (the queries are in their features' files).</summary>
internal sealed class MembersSchema : ISchemaContributor
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        MemberMutation<ResignMembershipInputType>(mutation, "resignMembership", "The signed-in member resigns. Their record and history stay; they can rejoin with a new application.",
            null, (ctx, input, actor) => actor.MemberId is { } self ? new ResignMembership(self, input.Reason, actor) : null);
        MemberMutation<SuspendMemberInputType>(mutation, "suspendMember", "Suspend a member, with a reason (organisers of the member's branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new SuspendMember(id, input.Reason ?? "", actor) : null);
        MemberMutation<ReinstateMemberInputType>(mutation, "reinstateMember", "Lift a suspension, with a reason (organisers of the member's branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new ReinstateMember(id, input.Reason ?? "", actor) : null);
        MemberMutation<TransferMemberInputType>(mutation, "transferMember", "Move a member to another branch (organisers of the member's current branch, admins).",
            [Roles.Organiser, Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id
                ? new TransferMember(id, GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty, actor) : null);
        MemberMutation<RoleChangeInputType>(mutation, "grantRole", "Grant a role to a member's account (admins). It takes effect at the member's next sign-in.",
            [Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new GrantRole(id, input.Role.ToString(), actor) : null);
        MemberMutation<RoleChangeInputType>(mutation, "revokeRole", "Revoke a role from a member's account (admins). It takes effect at the member's next sign-in.",
            [Roles.Admin], (ctx, input, actor) => Id(input.MemberId) is { } id ? new RevokeRole(id, input.Role.ToString(), actor) : null);

        SelfMutation<UpdateMyProfileInputType, UpdateMyProfileInput>(mutation, "updateMyProfile",
            "Change your personal details. A new email address is never refused for being in use: it waits as pendingEmail for confirmation from a link sent to it (which comes with the platform's mail), the current one stays in force meanwhile, and message says so.",
            (input, actor, self) => new UpdateMyProfile(self, input.GivenName, input.FamilyName, input.Email, input.Phone, input.Postcode, actor));
        SelfMutation<UpdateMyParticipationInputType, UpdateMyParticipationInput>(mutation, "updateMyParticipation", "Change how you take part: union, workplace, interests, availability.",
            (input, actor, self) => new UpdateMyParticipation(self, input.Union, input.Workplace, input.Interests, input.Availability, actor));
        SelfMutation<CommunicationPreferencesInputType, CommunicationPreferences>(mutation, "updateMyCommunicationPreferences", "Choose how the organisation may contact you.",
            (input, actor, self) => new UpdateMyCommunicationPreferences(self, input.Email, input.Sms, input.Post, actor));
        SelfMutation<PledgeContributionInputType, PledgeContributionInput>(mutation, "pledgeContribution", "Pledge a new regular contribution; it counts from this month.",
            (input, actor, self) => new PledgeContribution(self, input.Contribution, input.ContributionFrequency, actor));

        mutation.Field<NonNullGraphType<MemberPayloadType>>("recordContributionPayment")
            .Description("Record a payment received from a member (treasurers, admins). A lapsed member who is paid up becomes active again.")
            .Argument<NonNullGraphType<RecordContributionPaymentInputType>>("input", "The payment.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RecordContributionPaymentInput>("input");
                var actor = await ctx.RequireActorAsync();
                return Id(input.MemberId) is { } id
                    ? await RunAsync(ctx, new RecordContributionPayment(id, input.Amount, input.PaidOn, input.Reference, actor))
                    : NoSuchMember();
            });

        mutation.Field<NonNullGraphType<ImportContributionPaymentsPayloadType>>("importContributionPayments")
            .Description("Import payments from a CSV file (e.g. a bank export) with a report per row; all matched rows are recorded together, or none when any row is refused (treasurers, admins). Each member the report names counts as a read of their data and is recorded, dry runs included.")
            .Argument<NonNullGraphType<ImportContributionPaymentsInputType>>("input", "The file.")
            .AuthorizeWithRoles(Roles.Treasurer, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ImportContributionPaymentsInput>("input");
                var actor = await ctx.RequireActorAsync();
                try
                {
                    var report = await ctx.Bus().InvokeAsync<ImportReport>(new ImportContributionPayments(input.Csv, input.DryRun, actor), ctx.CancellationToken);
                    if (report.Forbidden) throw MemberAccess.Forbidden("Only treasurers and admins import payments.");
                    // The report ties emails (and ids) in the file to members and their contributions: a read of each
                    // member's data, dry runs included (once per member, in one write).
                    var matched = report.Rows.Select(r => r.MemberId).OfType<Guid>().ToList();
                    if (matched.Count > 0)
                        await ctx.RequestServices!.GetRequiredService<IPersonalDataAudit>()
                            .RecordReadsAsync(new PersonalDataReader(actor.AccountId, actor.MemberId, actor.Roles), matched, ctx.CancellationToken);
                    return new ImportContributionPaymentsPayload(report) { Errors = report.Errors };
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) || DatabaseErrors.IsUniqueViolation(e))
                {
                    return new ImportContributionPaymentsPayload(null) { Errors = [UserError.Conflict("Some of these members changed while importing: nothing was recorded; import the file again.")] };
                }
            });

        mutation.Field<NonNullGraphType<EraseMemberPayloadType>>("eraseMember")
            .Description("Erase a member's personal data on their request (admins): removed or masked in documents and stored events; counts and contribution totals stay. Tells the other modules (MemberErased).")
            .Argument<NonNullGraphType<EraseMemberInputType>>("input", "Which member.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<MemberIdInput>("input");
                var actor = await ctx.RequireActorAsync();
                if (Id(input.MemberId) is not { } id) return new EraseMemberPayload(null) { Errors = MemberChangeResult.NoSuchMember.Errors };
                var result = await InvokeAsync(ctx, new EraseMember(id, actor));
                return new EraseMemberPayload(result.MemberId) { Errors = result.Errors };
            });

        mutation.Field<NonNullGraphType<BranchPayloadType>>("renameBranch")
            .Description("Rename a branch or change its region (admins).")
            .Argument<NonNullGraphType<RenameBranchInputType>>("input", "The branch and its new name.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RenameBranchInput>("input");
                if (GlobalId.TryDecode(input.BranchId, BranchType.TypeName) is not { } id)
                    return new BranchPayload(null) { Errors = [UserError.NotFound("There is no such branch.", "input", "branchId")] };
                try
                {
                    var result = await ctx.Bus().InvokeAsync<CreateBranchResult>(new RenameBranch(id, input.Name, input.Region, ctx.User.AccountId()!.Value), ctx.CancellationToken);
                    return new BranchPayload(result.Branch) { Errors = result.Errors };
                }
                catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e) || DatabaseErrors.IsConcurrencyConflict(e))
                {
                    return new BranchPayload(null) { Errors = [UserError.AlreadyExists($"A branch named '{input.Name.Trim()}' exists already.", "input", "name")] };
                }
            });
    }

    private static Guid? Id(string? memberId) => GlobalId.TryDecode(memberId, MemberType.TypeName);

    private static MemberPayload NoSuchMember() => new(null) { Errors = MemberChangeResult.NoSuchMember.Errors };

    private static void MemberMutation<TInputType>(ObjectGraphType mutation, string name, string description, string[]? roles,
        Func<IResolveFieldContext, MemberIdInput, Actor, object?> command) where TInputType : IInputObjectGraphType
    {
        var field = mutation.Field<NonNullGraphType<MemberPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to change.");
        field = roles is null ? field.Authorize() : field.AuthorizeWithRoles(roles);
        field.ResolveAsync(async ctx =>
        {
            var input = ctx.GetArgument<MemberIdInput>("input");
            var actor = await ctx.RequireActorAsync();
            return command(ctx, input, actor) is { } c ? await RunAsync(ctx, c) : NoSuchMember();
        });
    }

    private static void SelfMutation<TInputType, TInput>(ObjectGraphType mutation, string name, string description, Func<TInput, Actor, Guid, object> command)
        where TInputType : IInputObjectGraphType
    {
        mutation.Field<NonNullGraphType<MemberPayloadType>>(name)
            .Description(description + " (the signed-in member)")
            .Argument<NonNullGraphType<TInputType>>("input", "What to change.")
            .Authorize()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TInput>("input");
                var actor = await ctx.RequireActorAsync();
                if (actor.MemberId is not { } self) throw MemberAccess.Forbidden("Only members have a member record to change.");
                return await RunAsync(ctx, command(input, actor, self));
            });
    }

    private static async Task<MemberChangeResult> InvokeAsync(IResolveFieldContext ctx, object command)
    {
        MemberChangeResult result;
        try
        {
            result = await ctx.Bus().InvokeAsync<MemberChangeResult>(command, ctx.CancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
        {
            return MemberChangeResult.Refused(UserError.Conflict("The member's record changed at the same moment: reload it and try again."));
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return MemberChangeResult.Refused(UserError.AlreadyExists("Another account uses this email.", "input", "email"));
        }
        if (result.Forbidden) throw MemberAccess.Forbidden("You may not change this member: organisers act on the members of their own branch.");
        return result;
    }

    private static async Task<MemberPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await InvokeAsync(ctx, command);
        if (result.Errors.Count > 0 || result.MemberId is not { } id) return new MemberPayload(null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new MemberPayload(await session.LoadAsync<MemberProfile>(id, ctx.CancellationToken), result.Message);
    }
}
