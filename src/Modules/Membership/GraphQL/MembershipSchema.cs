using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WorkersPower.Membership.Accounts;
using WorkersPower.Membership.Applications;
using WorkersPower.Membership.Branches;
using WorkersPower.Membership.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Membership.GraphQL;

/// <summary>Membership's mutations of applications, accounts and branches.</summary>
internal sealed class MembershipSchema : ISchemaContributor
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ApplyForMembershipPayloadType>>("applyForMembership")
            .Description("Apply to join (no sign-in needed). Limited per client address.")
            .Argument<NonNullGraphType<ApplyForMembershipInputType>>("input", "The application.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ApplyForMembershipInput>("input");
                var address = ctx.ClientAddress();
                if (!ctx.RequestServices!.GetRequiredService<ApplicationRateLimiter>().TryAcquire(address))
                    return new ApplyForMembershipPayload(null) { Errors = [new UserError(ErrorCodes.RateLimited, "Too many applications from this address: try again later.")] };
                Guid? branchId = null;
                if (!string.IsNullOrEmpty(input.BranchId))
                    branchId = GlobalId.TryDecode(input.BranchId, BranchType.TypeName) ?? Guid.Empty; // a malformed id is an unknown branch
                var command = new ApplyForMembership(input.GivenName, input.FamilyName, input.Email, input.Phone, input.Postcode,
                    input.Union, input.Workplace, input.Interests, input.Message, input.AcceptsProgramme, input.Contribution,
                    input.ContributionFrequency, input.ConsentToContact, branchId);
                ApplyForMembershipResult result;
                try
                {
                    result = await ctx.Bus().InvokeAsync<ApplyForMembershipResult>(command, ctx.CancellationToken);
                }
                catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    // the same email applied at the same moment: answered like any other application from an email already waiting
                    result = ApplyForMembershipHandler.NotStored(command, ctx.RequestServices!.GetRequiredService<TimeProvider>());
                }
                if (result.Application is { } application) ctx.RequestServices!.GetRequiredService<RequestActor>().SubmittedApplication(application.Id);
                return new ApplyForMembershipPayload(result.Application) { Errors = result.Errors };
            });

        mutation.Field<NonNullGraphType<ApproveMembershipApplicationPayloadType>>("approveMembershipApplication")
            .Description("Approve a pending application into a branch: the member record begins and an invitation token is returned. Admins approve into any branch; an organiser approves an application for their branch or for no branch into their own branch only (else FORBIDDEN).")
            .Argument<NonNullGraphType<ApproveMembershipApplicationInputType>>("input", "Which application, into which branch.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ApproveMembershipApplicationInput>("input");
                var applicationId = GlobalId.TryDecode(input.ApplicationId, MembershipApplicationType.TypeName);
                var branchId = GlobalId.TryDecode(input.BranchId, BranchType.TypeName);
                if (applicationId is null) return new ApproveMembershipApplicationPayload(null, null) { Errors = [UserError.NotFound("There is no such application.", "input", "applicationId")] };
                if (branchId is null) return new ApproveMembershipApplicationPayload(null, null) { Errors = [UserError.NotFound("There is no such branch.", "input", "branchId")] };
                var actor = await ctx.RequireActorAsync();
                try
                {
                    var result = await ctx.Bus().InvokeAsync<ApproveMembershipApplicationResult>(
                        new ApproveMembershipApplication(applicationId.Value, branchId.Value, actor), ctx.CancellationToken);
                    if (result.Forbidden)
                        throw MemberAccess.Forbidden("Organisers approve applications they see (for their branch or for no branch) into their own branch only.");
                    if (result.Errors.Count > 0) return new ApproveMembershipApplicationPayload(null, null) { Errors = result.Errors };
                    await using var session = ctx.Session();
                    return new ApproveMembershipApplicationPayload(await session.LoadAsync<MemberProfile>(result.MemberId!.Value, ctx.CancellationToken), result.InvitationToken);
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) || DatabaseErrors.IsUniqueViolation(e))
                {
                    return new ApproveMembershipApplicationPayload(null, null) { Errors = [UserError.Conflict("Someone decided this application at the same moment: reload it.")] };
                }
            });

        mutation.Field<NonNullGraphType<RejectMembershipApplicationPayloadType>>("rejectMembershipApplication")
            .Description("Reject a pending application with a reason (admins; organisers for applications for their branch or for no branch, else FORBIDDEN).")
            .Argument<NonNullGraphType<RejectMembershipApplicationInputType>>("input", "Which application, and why.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RejectMembershipApplicationInput>("input");
                var applicationId = GlobalId.TryDecode(input.ApplicationId, MembershipApplicationType.TypeName);
                if (applicationId is null) return new RejectMembershipApplicationPayload(null) { Errors = [UserError.NotFound("There is no such application.", "input", "applicationId")] };
                var actor = await ctx.RequireActorAsync();
                try
                {
                    var result = await ctx.Bus().InvokeAsync<RejectMembershipApplicationResult>(
                        new RejectMembershipApplication(applicationId.Value, input.Reason, actor), ctx.CancellationToken);
                    if (result.Forbidden)
                        throw MemberAccess.Forbidden("Organisers reject only applications they see: those for their branch or for no branch.");
                    return new RejectMembershipApplicationPayload(result.Application) { Errors = result.Errors };
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
                {
                    return new RejectMembershipApplicationPayload(null) { Errors = [UserError.Conflict("Someone decided this application at the same moment: reload it.")] };
                }
            });
    }
}
