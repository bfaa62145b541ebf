using System.Security.Claims;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using WorkersPower.Platform;
using WorkersPower.Platform.GraphQL;

namespace WorkersPower.Host.GraphQL;

/// <summary>
/// Runs one GraphQL operation with the platform's settings: the transports (HTTP now, WebSocket later)
/// all go through here, so limits, error handling and logging are the same on every path.
/// </summary>
internal sealed partial class GraphQLRunner(
    IDocumentExecuter<PlatformSchema> executer,
    IGraphQLSerializer serializer,
    IOptions<GraphQLSettings> settings,
    ILogger<GraphQLRunner> logger)
{
    public async Task<ExecutionResult> RunAsync(
        GraphQLHttpRequest request,
        GraphQLDocument document,
        ClaimsPrincipal user,
        IServiceProvider services,
        CancellationToken cancellationToken,
        bool subscription = false,
        bool documentValidated = false)
    {
        var options = new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = ToInputs(request.Variables),
            Extensions = ToInputs(request.Extensions),
            RequestServices = services,
            User = user,
            CancellationToken = cancellationToken,
            // a subscription lives as long as its client wants; only other operations have a time limit
            Timeout = subscription ? System.Threading.Timeout.InfiniteTimeSpan : settings.Value.Timeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            UnhandledExceptionDelegate = HandleUnhandledException,
        };
        // A document that passed validation before skips GraphQL's own rules (they depend on the document and
        // schema only); the platform's registered rules (authorization, complexity...) are added to this list
        // by their configurations and run on every request.
        if (documentValidated) options.ValidationRules = [];
        var result = await executer.ExecuteAsync(options).ConfigureAwait(false);
        if (!settings.Value.FieldSuggestions && result.Errors is { Count: > 0 } errors) result.Errors = HideSuggestions(errors);
        return result;
    }

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

    private Inputs? ToInputs(JsonElement? element) =>
        element is { } e ? serializer.ReadNode<Inputs>(e) : null;

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
