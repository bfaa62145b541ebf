using WorkersPower.Host.Telemetry;

namespace WorkersPower.Host.Operations;

/// <summary>What <c>operationsOverview</c> answers: the deployment's state (cached reading) and this node's operation figures.</summary>
public sealed record OperationsOverview(PlatformReading State, OperationStats Stats, TimeProvider Clock)
{
    /// <summary>The window of the operation figures.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>When this process started (its node's uptime counts from it).</summary>
    public static readonly DateTimeOffset StartedAt = new(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
}

public sealed class OperationsOverviewType : ObjectType<OperationsOverview>
{
    public OperationsOverviewType() : base("OperationsOverview",
        "The platform's state for its operators: health, queues, dead letters and projection lag (the whole deployment, read from the database at most every 10 seconds), and the GraphQL operations of the last hour (this node's own figures: each node keeps its own).")
    {
        Field<NonNullGraphType<StringGraphType>>("node").Description("The name of the node (host) that answered: the operation figures are its own.").Resolve(_ => Environment.MachineName);
        Field<NonNullGraphType<DateTimeScalar>>("startedAt").Description("When this node's process started.").Resolve(_ => OperationsOverview.StartedAt);
        Field<NonNullGraphType<IntGraphType>>("uptimeSeconds").Description("How long this node has been running, in whole seconds.")
            .Resolve(ctx => (int)Math.Max(0, (ctx.Source.Clock.GetUtcNow() - OperationsOverview.StartedAt).TotalSeconds));
        Field<NonNullGraphType<DateTimeScalar>>("readAt").Description("When the deployment's state below (health, queues, dead letters, projections) was read; readings are reused for up to 10 seconds.")
            .Resolve(ctx => ctx.Source.State.ReadAt);
        Field<NonNullGraphType<BooleanGraphType>>("databaseReady").Description("Whether the database answers and every store's schema is in place (the readiness check's database part).")
            .Resolve(ctx => ctx.Source.State.DatabaseReady);
        Field<MessageQueueCountsType>("queues").Description("Messages in Wolverine's durable queues across the deployment; null when they could not be read.")
            .Resolve(ctx => ctx.Source.State.Queues);
        Field<DeadLetterCountsType>("deadLetters").Description("How many dead letters there are (deadLetters lists them); null when they could not be counted.")
            .Resolve(ctx => ctx.Source.State.DeadLetters);
        Field<ListGraphType<NonNullGraphType<ProjectionLagType>>>("projections").Description("Each module's asynchronous projections and how far behind their events they are; null when they could not be read.")
            .Resolve(ctx => ctx.Source.State.Projections);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OperationFiguresType>>>>("slowestOperations")
            .Description("This node's GraphQL operations of the last hour by name, slowest (95th percentile) first.")
            .Argument<IntGraphType>("first", $"How many operation names, 1 to {PageRequest.MaxPageSize}.", arg => arg.DefaultValue = 10)
            .Resolve(ctx =>
            {
                var first = ctx.GetArgument("first", 10);
                if (first is < 1 or > PageRequest.MaxPageSize)
                    throw new ExecutionError($"first must be 1 to {PageRequest.MaxPageSize}.") { Code = ErrorCodes.BadUserInput };
                return ctx.Source.Stats.Slowest(OperationsOverview.Window, first);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OperationMinuteType>>>>("minutes")
            .Description("This node's GraphQL operations in each minute of the last hour, oldest first (60 minutes, empty ones included).")
            .Resolve(ctx => ctx.Source.Stats.PerMinute(OperationsOverview.Window));
    }
}

public sealed class MessageQueueCountsType : ObjectType<QueueCounts>
{
    public MessageQueueCountsType() : base("MessageQueueCounts", "Messages in Wolverine's durable queues (stored in the database until handled or sent).")
    {
        Field(x => x.Incoming).Description("Messages received and waiting to be handled.");
        Field(x => x.Scheduled).Description("Messages scheduled for later: retries after a delay and timed work.");
        Field(x => x.Outgoing).Description("Messages waiting to be sent on.");
    }
}

public sealed class DeadLetterCountsType : ObjectType<DeadLetterCounts>
{
    public DeadLetterCountsType() : base("DeadLetterCounts", "How many messages failed for good and wait for an admin to replay or discard them.")
    {
        Field(x => x.Total).Description("All dead letters.");
        Field(x => x.LastHour).Description("Those that failed within the last hour.");
    }
}

public sealed class ProjectionLagType : ObjectType<ProjectionLag>
{
    public ProjectionLagType() : base("ProjectionLag", "An asynchronous projection (a read model the projection daemon builds after the writes) and how far behind its module's events it is.")
    {
        Field(x => x.Module).Description("The module whose store it belongs to, e.g. campaigns.");
        Field(x => x.Projection).Description("The projection's name, e.g. CampaignDay.");
        Field<NonNullGraphType<IntGraphType>>("position").Description("The sequence number of the last event it processed.").Resolve(ctx => Saturating.Int(ctx.Source.Position));
        Field<NonNullGraphType<IntGraphType>>("highWaterMark").Description("The sequence number of the module's newest event.").Resolve(ctx => Saturating.Int(ctx.Source.HighWaterMark));
        Field<NonNullGraphType<IntGraphType>>("eventsBehind").Description("Events not processed yet (0 when caught up).").Resolve(ctx => Saturating.Int(ctx.Source.EventsBehind));
        Field(x => x.SecondsBehind).Description("The age in seconds of the oldest event not processed yet (0 when caught up).");
    }
}

public sealed class OperationFiguresType : ObjectType<OperationSummary>
{
    public OperationFiguresType() : base("OperationFigures", "One GraphQL operation name's figures on this node over the last hour (durations measured by the server, in milliseconds, to the upper bound of a histogram bucket).")
    {
        Field(x => x.Name).Description("The operation's name as the client gave it, else its persisted document's id, else anonymous (other once 300 names are known).");
        Field(x => x.Type).Description("query, mutation or subscription.");
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many ran.").Resolve(ctx => Saturating.Int(ctx.Source.Count));
        Field<NonNullGraphType<IntGraphType>>("errors").Description("How many answered with errors.").Resolve(ctx => Saturating.Int(ctx.Source.Errors));
        Field(x => x.P50Milliseconds).Description("The median duration.");
        Field(x => x.P95Milliseconds).Description("The 95th percentile: 19 of 20 were at least this quick.");
        Field(x => x.P99Milliseconds).Description("The 99th percentile.");
        Field(x => x.MaxMilliseconds).Description("The slowest.");
    }
}

public sealed class OperationMinuteType : ObjectType<OperationMinute>
{
    public OperationMinuteType() : base("OperationMinute", "One minute of this node's GraphQL operations.")
    {
        Field(x => x.Start).Description("The minute's start.");
        Field<NonNullGraphType<IntGraphType>>("count").Description("Operations that ran.").Resolve(ctx => Saturating.Int(ctx.Source.Count));
        Field<NonNullGraphType<IntGraphType>>("errors").Description("Of those, how many answered with errors.").Resolve(ctx => Saturating.Int(ctx.Source.Errors));
        Field(x => x.P95Milliseconds).Description("The 95th percentile of their durations in milliseconds (0 without operations).");
    }
}

internal static class Saturating
{
    /// <summary>A count as a GraphQL Int (32 bits), held at its maximum rather than wrapping.</summary>
    public static int Int(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}

/// <summary>Operations: the operator's overview of the platform (admins).</summary>
internal sealed class OperationsOverviewQueries(PlatformState state, OperationStats stats, TimeProvider clock) : ISchemaContributor
{
    public void AddQueryFields(ObjectGraphType query) =>
        query.Field<NonNullGraphType<OperationsOverviewType>>("operationsOverview")
            .Description("The platform's health, queues, dead letters and projection lag (the deployment's), and the GraphQL operations of the last hour (this node's own: each node keeps its own figures) (admins). Holds no personal data.")
            .AuthorizeWithRoles(Roles.Admin)
            .ResolveAsync(async ctx => new OperationsOverview(await state.ReadAsync(ctx.CancellationToken), stats, clock));
}
