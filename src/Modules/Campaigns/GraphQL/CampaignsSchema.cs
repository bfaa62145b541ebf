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

public sealed record CampaignPayload(Campaign? Campaign) : Payload;

public sealed record CampaignActionPayload(CampaignAction? Action) : Payload
{
    /// <summary>
    /// Runs an action's command and answers the action as it is after it. A concurrency conflict (many members
    /// signing up for the last places at once) is re-tried: each re-try re-reads the action, so capacity holds
    /// exactly and no sign-up is lost.
    /// </summary>
    internal static async Task<CampaignActionPayload> RunAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.InvokeAsync(command, Races);
        if (result.Id is not { } id) return new CampaignActionPayload((CampaignAction?)null) { Errors = result.Errors };
        await using var session = ctx.Session();
        return new CampaignActionPayload(await session.LoadAsync<CampaignAction>(id, ctx.CancellationToken));
    }

    private static readonly RaceAnswers Races = new(UserError.Conflict("The action is busy: try again."), Retries: 49);
}

public sealed class CampaignPayloadType : PayloadType<CampaignPayload>
{
    public CampaignPayloadType() : base("CampaignPayload", "The campaign, or why nothing changed.") =>
        Field<CampaignType>("campaign").Description("The campaign.").Resolve(ctx => ctx.Source.Campaign);
}

public sealed class CampaignActionPayloadType : PayloadType<CampaignActionPayload>
{
    public CampaignActionPayloadType() : base("CampaignActionPayload", "The action, or why nothing changed.") =>
        Field<CampaignActionType>("action").Description("The action.").Resolve(ctx => ctx.Source.Action);
}

internal sealed class CampaignsSchema : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<CampaignType>>>("campaigns")
            .Description("Campaigns, newest first; ACTIVE ones unless another status is asked for.")
            .Argument<CampaignStatusEnum>("status", "Only campaigns with this status (default ACTIVE).")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx => await CampaignsPageAsync(ctx));

        query.Field<CampaignType>("campaign")
            .Description("A campaign by its slug; null when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("slug", "The campaign's slug.")
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                var slug = ctx.GetArgument<string>("slug").Trim().ToLowerInvariant();
                await using var session = ctx.Session();
                return await session.Query<Campaign>().FirstOrDefaultAsync(c => c.Slug == slug, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionType<CampaignActionType>>>("upcomingActions")
            .Description("Actions that have not started and are not cancelled, soonest first, optionally for one branch.")
            .Argument<IdGraphType>("branchId", "Only actions for this branch.")
            .PageArguments()
            .AllowAnonymous()
            .ResolveAsync(async ctx =>
            {
                Guid? branch = ctx.GetArgument<string?>("branchId") is { } b ? GlobalId.TryDecode(b, "Branch") ?? Guid.Empty : null;
                return await ActionsPageAsync(ctx, null, branch, upcomingOnly: true);
            });
    }

    private static async Task<Connection<Campaign>> CampaignsPageAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var status = ctx.GetArgument<CampaignStatus?>("status") ?? CampaignStatus.Active;
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = batch.Query<Campaign>().Where(c => c.Status == status).Count();
        var query = batch.Query<Campaign>().Where(c => c.Status == status);
        var rows = page.First == 0 ? Task.FromResult<IReadOnlyList<Campaign>>([]) : page.Keyset(query, c => c.Sequence, descending: true).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, c => c.Sequence.ToString(CultureInfo.InvariantCulture), (int)await total);
    }

    /// <summary>
    /// A page of actions by start time, with their sign-up counts (kept on each action): two queries in one
    /// round trip, whatever the page size.
    /// </summary>
    internal static async Task<Connection<CampaignAction>> ActionsPageAsync(IResolveFieldContext ctx, Guid? campaignId, Guid? branchId, bool upcomingOnly)
    {
        var page = PageRequest.From(ctx);
        var now = ctx.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow();
        IBatchedQueryable<CampaignAction> Filter(IBatchedQueryable<CampaignAction> q)
        {
            if (campaignId is { } c) q = q.Where(a => a.CampaignId == c);
            if (branchId is { } b) q = q.Where(a => a.BranchId == b);
            if (upcomingOnly) q = q.Where(a => a.StartsAt > now && a.Status == ActionStatus.Scheduled);
            return q;
        }
        await using var session = ctx.Session();
        var batch = session.CreateBatchQuery();
        var total = Filter(batch.Query<CampaignAction>()).Count();
        var query = Filter(batch.Query<CampaignAction>());
        var rows = page.First == 0 ? Task.FromResult<IReadOnlyList<CampaignAction>>([]) : page.Keyset(query, a => a.SortKey).ToList();
        await batch.Execute(ctx.CancellationToken);
        return page.ToConnection(await rows, a => a.SortKey, (int)await total);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        CampaignMutation<LaunchCampaignInputType>(mutation, "launchCampaign", "Launch a campaign (organisers, admins).",
            (input, actor) => new LaunchCampaign(input.Title ?? "", input.Summary ?? "", input.Slug, input.Goal is 0 ? null : input.Goal, actor));
        CampaignMutation<UpdateCampaignInputType>(mutation, "updateCampaign", "Change a campaign's title, summary or goal (organisers, admins).",
            (input, actor) => Id(input.CampaignId, CampaignType.TypeName) is { } id ? new UpdateCampaign(id, input.Title, input.Summary, input.Goal is 0 ? null : input.Goal, input.Goal == 0, actor) : null);
        CampaignMutation<CampaignIdInputType>(mutation, "concludeCampaign", "Conclude a campaign (organisers, admins).",
            (input, actor) => Id(input.CampaignId, CampaignType.TypeName) is { } id ? new ConcludeCampaign(id, actor) : null);
        CampaignMutation<CampaignIdInputType>(mutation, "reopenCampaign", "Reopen a concluded campaign (organisers, admins).",
            (input, actor) => Id(input.CampaignId, CampaignType.TypeName) is { } id ? new ReopenCampaign(id, actor) : null);

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

    public void AddSubscriptionFields(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<CampaignProgressType>>("campaignProgress")
            .Description("A campaign's progress: the current value, then a new one on every sign-up, withdrawal, check-in and change of its actions.")
            .Argument<NonNullGraphType<IdGraphType>>("campaignId", "The campaign's global id.")
            .AllowAnonymous()
            .ResolveStream(ctx =>
            {
                var id = GlobalId.TryDecode(ctx.GetArgument<string>("campaignId"), CampaignType.TypeName)
                    ?? throw new ExecutionError("There is no such campaign.") { Code = ErrorCodes.NotFound };
                // one load per change per campaign on this node, shared by every subscriber of it
                return ctx.RequestServices!.GetRequiredService<ProgressStreams<ProgressView>>().Of(id);
            });

    private static Guid? Id(string? globalId, string type) => GlobalId.TryDecode(globalId, type);

    private static void CampaignMutation<TInputType>(ObjectGraphType mutation, string name, string description, Func<CampaignInput, Caller, object?> command)
        where TInputType : IInputObjectGraphType =>
        mutation.Field<NonNullGraphType<CampaignPayloadType>>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to do.")
            .AuthorizeWithRoles(Roles.Organiser, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Caller();
                if (command(ctx.GetArgument<CampaignInput>("input"), actor) is not { } c)
                    return new CampaignPayload(null) { Errors = [UserError.NotFound("There is no such campaign.", "input", "campaignId")] };
                CommandResult result;
                try
                {
                    result = await ctx.RequestServices!.GetRequiredService<IMessageBus>().InvokeAsync<CommandResult>(c, ctx.CancellationToken);
                }
                catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    return new CampaignPayload(null) { Errors = [UserError.AlreadyExists("That slug was taken at the same moment: try again.", "input", "slug")] };
                }
                catch (Exception e) when (DatabaseErrors.IsConcurrencyConflict(e))
                {
                    return new CampaignPayload(null) { Errors = [UserError.Conflict("The campaign changed at the same moment: reload it and try again.")] };
                }
                if (result.Id is not { } id) return new CampaignPayload(null) { Errors = result.Errors };
                await using var session = ctx.Session();
                return new CampaignPayload(await session.LoadAsync<Campaign>(id, ctx.CancellationToken));
            });

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

internal sealed class CampaignNodeResolver : INodeResolver
{
    public string TypeName => CampaignType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) => await context.LoadCampaign(id).GetResultAsync(context.CancellationToken);

    /// <summary>Campaigns are public: every one that exists, in one query.</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context) =>
        ids.LoadVisibleAsync(context.LoadCampaign, _ => true, context.CancellationToken);
}

internal sealed class CampaignActionNodeResolver : INodeResolver
{
    public string TypeName => CampaignActionType.TypeName;

    public async Task<object?> ResolveAsync(Guid id, IResolveFieldContext context) => await context.LoadAction(id).GetResultAsync(context.CancellationToken);

    /// <summary>Actions are public (their sign-up lists have their own rules): every one that exists, in one query.</summary>
    public Task<IReadOnlyDictionary<Guid, object>> ResolveManyAsync(IReadOnlyCollection<Guid> ids, IResolveFieldContext context) =>
        ids.LoadVisibleAsync(context.LoadAction, _ => true, context.CancellationToken);
}
