using System.Globalization;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using WorkersPower.Campaigns.Actions;
using WorkersPower.Campaigns.Campaigns;
using WorkersPower.Campaigns.Members;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;
using WorkersPower.Platform.Security;

namespace WorkersPower.Campaigns.GraphQL;

internal sealed class CampaignsSchema : ISchemaContributor
{
    public void AddMutationFields(ObjectGraphType mutation)
    {
        ActionMutation<ScheduleActionInputType>(mutation, "scheduleAction", "Schedule an action of a campaign (organisers, admins). A reminder goes to everyone signed up 24 hours before it starts.", true,
            (input, actor) => Id(input.CampaignId, CampaignType.TypeName) is { } id
                ? new ScheduleAction(id, input.Kind, input.Title, input.StartsAt, input.EndsAt, input.Location ?? "", input.Capacity,
                    input.BranchId is { } b ? GlobalId.TryDecode(b, "Branch") : null, actor)
                : null, "campaignId");
        ActionMutation<RescheduleActionInputType>(mutation, "rescheduleAction", "Move an action that has not started (organisers, admins).", true,
            (input, actor) => Id(input.ActionId, CampaignActionType.TypeName) is { } id ? new RescheduleAction(id, input.StartsAt, input.EndsAt, input.Location, actor) : null);
        ActionMutation<CancelActionInputType>(mutation, "cancelAction", "Cancel an action with a reason (organisers, admins); the members signed up are told.", true,
            (input, actor) => Id(input.ActionId, CampaignActionType.TypeName) is { } id ? new CancelAction(id, input.Reason ?? "", actor) : null);
        ActionMutation<WithdrawFromActionInputType>(mutation, "withdrawFromAction", "Withdraw from an action you signed up for (members).", false,
            (input, actor) => Id(input.ActionId, CampaignActionType.TypeName) is { } id && actor.MemberId is { } m ? new WithdrawFromAction(id, m) : null);
        ActionMutation<CheckInAttendeeInputType>(mutation, "checkInAttendee", "Record that a member came to an action, signed up or not (the campaign's organisers, admins; others FORBIDDEN). A campaign organiser checks in members taking part in the campaign or of their own branch; anyone else is NOT_FOUND, as an unknown id is.", true,
            (input, actor) => Id(input.ActionId, CampaignActionType.TypeName) is { } id
                ? new CheckInAttendee(id, GlobalId.TryDecode(input.MemberId, "Member") ?? Guid.Empty, actor) : null);
        ActionMutation<RecordActionOutcomeInputType>(mutation, "recordActionOutcome", "Record what an action achieved (organisers, admins).", true,
            (input, actor) => Id(input.ActionId, CampaignActionType.TypeName) is { } id ? new RecordActionOutcome(id, input.Summary ?? "", input.Counts ?? [], actor) : null);
    }

    private static Guid? Id(string? globalId, string type) => GlobalId.TryDecode(globalId, type);

    /// <summary>
    /// Action mutations retry on an optimistic concurrency conflict (many members signing up for the last
    /// places at once): each retry re-reads the action, so capacity holds exactly and no sign-up is lost.
    /// </summary>
    private static void ActionMutation<TInputType>(ObjectGraphType mutation, string name, string description, bool organisers,
        Func<ActionInput, Caller, object?> command, string idField = "actionId") where TInputType : IInputObjectGraphType
    {
        var field = mutation.Field<NonNullGraphType<CampaignActionPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to do.");
        field = organisers ? field.AuthorizeWithRoles(Roles.Organiser, Roles.Admin) : field.Authorize();
        field.ResolveAsync(async ctx =>
        {
            var actor = ctx.Caller();
            if (!organisers && actor.MemberId is null) throw new ExecutionError("Only members sign up for actions.") { Code = ErrorCodes.Forbidden };
            if (command(ctx.GetArgument<ActionInput>("input"), actor) is not { } c)
                return new CampaignActionPayload(null) { Errors = [UserError.NotFound(idField == "actionId" ? "There is no such action." : "There is no such campaign.", "input", idField)] };
            var bus = ctx.RequestServices!.GetRequiredService<IMessageBus>();
            CommandResult? result = null;
            for (var attempt = 1; result is null; attempt++)
            {
                try
                {
                    result = await bus.InvokeAsync<CommandResult>(c, ctx.CancellationToken);
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e) && attempt < 50)
                {
                    await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), ctx.CancellationToken);
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
                {
                    return new CampaignActionPayload(null) { Errors = [UserError.Conflict("The action is busy: try again.")] };
                }
            }
            if (result.Forbidden is { } forbidden) throw new ExecutionError(forbidden) { Code = ErrorCodes.Forbidden };
            if (result.Id is not { } id) return new CampaignActionPayload((CampaignAction?)null) { Errors = result.Errors };
            await using var session = ctx.Session();
            return new CampaignActionPayload(await session.LoadAsync<CampaignAction>(id, ctx.CancellationToken));
        });
    }
}
