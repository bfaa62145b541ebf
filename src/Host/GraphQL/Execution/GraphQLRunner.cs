using System.Diagnostics;
using OpenTelemetry;
using WorkersPower.Host.Telemetry;

namespace WorkersPower.Host.GraphQL.Execution;

/// <summary>
/// Runs one GraphQL operation with the platform's settings: the transports (HTTP and WebSocket)
/// all go through here, after <see cref="GraphQLRequestPreparation"/>, so limits, error handling and logging are the same on every path.
/// </summary>
internal sealed partial class GraphQLRunner(
    IDocumentExecuter<PlatformSchema> executer,
    IGraphQLSerializer serializer,
    GraphQLRequestPreparation preparation,
    IOptions<GraphQLSettings> settings,
    OperationStats stats,
    UntracedOperations untraced,
    ILogger<GraphQLRunner> logger)
{
    /// <summary>
    /// Runs a prepared request. <paramref name="streaming"/>: the transport can deliver a subscription's stream
    /// (the WebSocket), so a subscription runs without a time limit. A document that ran is kept as validated.
    /// </summary>
    public async Task<ExecutionResult> RunAsync(
        PreparedRequest prepared,
        ClaimsPrincipal user,
        IServiceProvider services,
        CancellationToken cancellationToken,
        bool streaming = false)
    {
        var type = GraphQLTelemetry.TypeOf(prepared.Operation);
        var name = NameOf(prepared);
        var started = Stopwatch.GetTimestamp();
        // A vote (a mutation selecting a field marked untraced: castVote) leaves no span: the request's or connection's
        // span is taken out of export and nothing below (Npgsql, Marten) starts one; it is counted and timed only.
        var hidden = untraced.IsUntraced(prepared.Document, prepared.Operation);
        Activity? activity = null;
        IDisposable? suppressed = null;
        if (hidden)
        {
            GraphQLTelemetry.Unrecord(Activity.Current);
            suppressed = SuppressInstrumentationScope.Begin();
        }
        else activity = GraphQLTelemetry.StartOperation(name, type, prepared.Request.DocumentId, detached: streaming);
        ExecutionResult? result = null;
        try
        {
            result = await executer.ExecuteAsync(Options(prepared, user, services, streaming, cancellationToken)).ConfigureAwait(false);
            if (!settings.Value.FieldSuggestions && result.Errors is { Count: > 0 } errors) result.Errors = HideSuggestions(errors);
            preparation.Executed(prepared, result);
            return result;
        }
        finally
        {
            suppressed?.Dispose();
            var duration = Stopwatch.GetElapsedTime(started);
            var (errors, failed) = OutcomeOf(result, cancellationToken.IsCancellationRequested);
            // the operator's page: every operation, whatever is exported
            stats.Record(name, type, duration, failed);
            GraphQLTelemetry.Finish(activity, name, type, duration, errors, hidden);
            activity?.Dispose();
        }
    }

    /// <summary>
    /// The <see cref="ExecutionOptions"/> of a prepared request, the same for every transport: the document, operation,
    /// variables and extensions, the caller and the request's services, and the time limit. Only a subscription on a
    /// transport that streams (the WebSocket) runs without a time limit; queries and mutations have
    /// <see cref="GraphQLSettings.Timeout"/> everywhere (HTTP cannot stream, so everything it runs has the limit).
    /// </summary>
    private ExecutionOptions Options(PreparedRequest prepared, ClaimsPrincipal user, IServiceProvider services, bool streaming, CancellationToken cancellationToken)
    {
        var request = prepared.Request;
        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = prepared.Document,
            OperationName = request.OperationName,
            Variables = ToInputs(request.Variables),
            Extensions = ToInputs(request.Extensions),
            RequestServices = services,
            User = user,
            CancellationToken = cancellationToken,
            // a subscription lives as long as its client wants; only other operations have a time limit
            Timeout = streaming && prepared.IsSubscription ? Timeout.InfiniteTimeSpan : settings.Value.Timeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            UnhandledExceptionDelegate = HandleUnhandledException,
        };
        // A document that passed validation before skips GraphQL's own rules (they depend on the document and
        // schema only); the platform's registered rules (authorization, complexity...) are added to this list
        // by their configurations and run on every request.
        if (prepared.DocumentValidated) options.ValidationRules = [];
        return options;
    }

    private Inputs? ToInputs(JsonElement? element) => element is { } e ? serializer.ReadNode<Inputs>(e) : null;

    private static readonly ExecutionErrors Thrown = [new ExecutionError("") { Code = ErrorCodes.Internal }];

    /// <summary>
    /// What an operation that ended counts as in the figures and metrics: its errors, and whether it failed. GraphQL.NET
    /// answers every error, unhandled exceptions and the time limit included, in the result; it throws only when the
    /// caller's token was cancelled (the client went away, the socket closed), which is neither an error nor a failure
    /// of the platform. Anything else that threw is an internal error.
    /// </summary>
    internal static (ExecutionErrors? Errors, bool Failed) OutcomeOf(ExecutionResult? result, bool cancelled) => result switch
    {
        null when cancelled => (null, false),
        null => (Thrown, true),
        _ => (result.Errors, result.Errors is { Count: > 0 }),
    };

    /// <summary>The operation's name in the figures and metrics (<see cref="OperationStats.NameFor"/>): the name the request gave or the document's.</summary>
    internal string NameOf(PreparedRequest prepared) =>
        stats.NameFor(prepared.Request.OperationName ?? prepared.Operation?.Name?.StringValue, prepared.Request.DocumentId);

    /// <summary>Takes "Did you mean ...?" out of validation messages, so the schema cannot be guessed through them.</summary>
    private static ExecutionErrors HideSuggestions(ExecutionErrors errors)
    {
        var plain = new ExecutionErrors();
        foreach (var error in errors)
        {
            var at = error.Message.IndexOf(" Did you mean", StringComparison.Ordinal);
            if (at < 0)
            {
                plain.Add(error);
                continue;
            }
            var trimmed = new ExecutionError(error.Message[..at]) { Code = error.Code };
            foreach (var location in error.Locations ?? []) trimmed.AddLocation(location);
            plain.Add(trimmed);
        }
        return plain;
    }

    private Task HandleUnhandledException(UnhandledExceptionContext context)
    {
        var correlationId = Guid.NewGuid().ToString("N")[..12];
        var field = context.FieldContext?.FieldDefinition?.Name ?? "(operation)";
        if (DatabaseErrors.IsUnavailable(context.OriginalException))
        {
            // A database restart or outage: expected now and then, passes by itself, no stack trace needed.
            LogUnavailable(logger, field, context.OriginalException.GetType().Name);
            context.Exception = new ExecutionError(UnavailableMessage) { Code = ErrorCodes.Unavailable };
            return Task.CompletedTask;
        }
        LogUnhandled(logger, context.OriginalException, correlationId, field);
        context.Exception = new ExecutionError($"An internal error occurred. Quote reference {correlationId} when reporting it.")
        {
            Code = ErrorCodes.Internal,
        }.AddExtension("correlationId", correlationId);
        return Task.CompletedTask;
    }

    internal const string UnavailableMessage = "The platform cannot reach its database just now. Try again in a few seconds.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL field {Field} failed: the database is unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string field, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in GraphQL field {Field}; correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId, string field);
}
