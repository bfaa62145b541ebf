using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace WorkersPower.Host.Telemetry;

/// <summary>
/// The GraphQL operation's span and instruments (on <see cref="PlatformTelemetry.Source"/> and
/// <see cref="PlatformTelemetry.Meter"/>). A span is "graphql {type} {name}" with <c>graphql.operation.name</c>,
/// <c>graphql.operation.type</c>, <c>graphql.document.id</c> (persisted documents) and, when it failed,
/// <c>graphql.error.codes</c>: never the document's text, the variables or an error's message. Instruments cost
/// nothing measurable while no meter provider listens (see <see cref="TelemetryComposition"/>).
/// </summary>
public static class GraphQLTelemetry
{
    public const string OperationName = "graphql.operation.name";
    public const string OperationType = "graphql.operation.type";
    public const string DocumentId = "graphql.document.id";
    public const string ErrorCodes = "graphql.error.codes";

    private static readonly Counter<long> Operations = PlatformTelemetry.Meter.CreateCounter<long>(
        "workerspower.graphql.operations", "{operation}", "GraphQL operations run, by operation name and type.");

    private static readonly Histogram<double> Durations = PlatformTelemetry.Meter.CreateHistogram(
        "workerspower.graphql.operation.duration", "s", "How long GraphQL operations took (for a subscription: until its stream started), by operation name and type.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30] });

    private static readonly Counter<long> Errors = PlatformTelemetry.Meter.CreateCounter<long>(
        "workerspower.graphql.errors", "{error}", "GraphQL errors answered, by error code and operation name.");

    private static readonly Counter<long> Deliveries = PlatformTelemetry.Meter.CreateCounter<long>(
        "workerspower.graphql.subscription.deliveries", "{message}", "Subscription results sent to WebSocket clients, by operation name.");

    private static long connections;
    private static long subscriptions;

    static GraphQLTelemetry()
    {
        PlatformTelemetry.Meter.CreateObservableUpDownCounter("workerspower.websocket.connections", () => Interlocked.Read(ref connections),
            "{connection}", "GraphQL WebSocket connections open on this node.");
        PlatformTelemetry.Meter.CreateObservableUpDownCounter("workerspower.graphql.subscriptions", () => Interlocked.Read(ref subscriptions),
            "{subscription}", "GraphQL subscriptions running on this node.");
    }

    /// <summary>Subscriptions running now (this process).</summary>
    public static long Subscriptions => Interlocked.Read(ref subscriptions);

    public static void ConnectionOpened() => Interlocked.Increment(ref connections);

    public static void ConnectionClosed() => Interlocked.Decrement(ref connections);

    public static void SubscriptionStarted() => Interlocked.Increment(ref subscriptions);

    public static void SubscriptionEnded() => Interlocked.Decrement(ref subscriptions);

    /// <summary>"query", "mutation" or "subscription" (what the metrics' <c>type</c> tag and the span carry).</summary>
    public static string TypeOf(GraphQLOperationDefinition? operation) => operation?.Operation switch
    {
        GraphQLParser.AST.OperationType.Mutation => "mutation",
        GraphQLParser.AST.OperationType.Subscription => "subscription",
        _ => "query",
    };

    private static readonly ConcurrentDictionary<(string, string), string> SpanNames = new();

    /// <summary>
    /// Starts the operation's span, or null when nobody listens or it is not sampled. <paramref name="detached"/>
    /// (operations on a WebSocket): the span starts a trace of its own, linked to the connection's span, so a
    /// connection open for hours is not one trace holding every operation it ran. Call from an async method: the
    /// detachment changes <see cref="Activity.Current"/> for that method's flow only.
    /// </summary>
    public static Activity? StartOperation(string name, string type, string? documentId, bool detached)
    {
        if (!PlatformTelemetry.Source.HasListeners()) return null;
        ActivityLink[]? links = null;
        if (detached && Activity.Current is { } connection)
        {
            links = [new ActivityLink(connection.Context)];
            Activity.Current = null;
        }
        var activity = PlatformTelemetry.Source.StartActivity(ActivityKind.Internal, default, null, links, default,
            SpanNames.GetOrAdd((type, name), static k => $"graphql {k.Item1} {k.Item2}"));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationName, name);
            activity.SetTag(OperationType, type);
            if (documentId is not null) activity.SetTag(DocumentId, documentId);
        }
        return activity;
    }

    /// <summary>
    /// Ends the operation: its span's status and error codes (codes only), the metrics. <paramref name="untraced"/>:
    /// count and duration only (no error codes), for votes.
    /// </summary>
    public static void Finish(Activity? activity, string name, string type, TimeSpan duration, ExecutionErrors? errors, bool untraced)
    {
        var tags = new TagList { { "operation", name }, { "type", type } };
        Operations.Add(1, tags);
        Durations.Record(duration.TotalSeconds, tags);
        if (untraced || errors is not { Count: > 0 }) return;
        var codes = errors.Select(e => e.Code ?? "UNKNOWN").ToList();
        foreach (var code in codes) Errors.Add(1, new TagList { { "code", code }, { "operation", name } });
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error);
        if (activity.IsAllDataRequested) activity.SetTag(ErrorCodes, codes.Distinct().ToArray());
    }

    /// <summary>
    /// One subscription result sent: a short span "graphql subscription {name} delivery" (child of whatever produced
    /// the event, when it ran in this process with a span) and the deliveries counter.
    /// </summary>
    public static Activity? StartDelivery(string name)
    {
        Deliveries.Add(1, new TagList { { "operation", name } });
        if (!PlatformTelemetry.Source.HasListeners()) return null;
        var activity = PlatformTelemetry.Source.StartActivity(SpanNames.GetOrAdd(("delivery", name), static k => $"graphql subscription {k.Item2} delivery"));
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationName, name);
            activity.SetTag(OperationType, "subscription");
        }
        return activity;
    }

    /// <summary>
    /// Takes the spans around an untraced operation (the HTTP request's, or the WebSocket connection's) out of
    /// export: not recorded, no data requested, so the SDK hands them to no processor when they end.
    /// </summary>
    public static void Unrecord(Activity? activity)
    {
        for (; activity is not null; activity = activity.Parent)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
        }
    }
}

/// <summary>
/// Whether a mutation selects a root field marked <see cref="Untraced.MetadataKey"/> (castVote), kept per
/// operation node: a document from <see cref="ValidatedDocuments"/> is the same object on every request, so its answer
/// is computed once; a document parsed for the request is walked once (its root selections only).
/// </summary>
internal sealed class UntracedOperations(PlatformSchema schema)
{
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, object> answers = new();
    private static readonly object Yes = true, No = false;

    public bool IsUntraced(GraphQLDocument document, GraphQLOperationDefinition? operation)
    {
        if (operation is not { Operation: GraphQLParser.AST.OperationType.Mutation }) return false;
        if (answers.TryGetValue(operation, out var known)) return ReferenceEquals(known, Yes);
        var untraced = Selects(document, operation.SelectionSet, 0);
        answers.AddOrUpdate(operation, untraced ? Yes : No);
        return untraced;
    }

    private bool Selects(GraphQLDocument document, GraphQLSelectionSet selections, int depth)
    {
        if (depth > 10) return true; // fragments within fragments this deep: be safe, trace nothing
        foreach (var selection in selections.Selections)
            switch (selection)
            {
                case GraphQLField field:
                    if (schema.Mutation?.GetField(field.Name.StringValue) is { } definition && definition.GetMetadata(Untraced.MetadataKey, false))
                        return true;
                    break;
                case GraphQLInlineFragment inline:
                    if (Selects(document, inline.SelectionSet, depth + 1)) return true;
                    break;
                case GraphQLFragmentSpread spread:
                    foreach (var node in document.Definitions)
                        if (node is GraphQLFragmentDefinition fragment && fragment.FragmentName.Name.Value.Span.SequenceEqual(spread.FragmentName.Name.Value.Span)
                            && Selects(document, fragment.SelectionSet, depth + 1))
                            return true;
                    break;
            }
        return false;
    }
}
