using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace WorkersPower.Testing;

/// <summary>
/// Keeps every log line the host writes, with the scopes around it (request path, trace id, ...), so tests can look for
/// what must (or must never) be logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogLine> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var around = new StringBuilder();
            owner.scopes.ForEachScope((scope, text) =>
            {
                text.Append(" => ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) text.Append(' ').Append(key).Append('=').Append(value);
            }, around);
            owner.lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception, around.ToString()));
        }
    }
}

public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception, string Scopes = "")
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception)}{Scopes}";
}

/// <summary>
/// Every log entry as the console writes it in production: one JSON object a line, through the host's own "json"
/// console formatter with its configured options (scopes, hence the trace id, included).
/// </summary>
public sealed class JsonLogLines : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();
    private ConsoleFormatter? formatter;

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>Takes the host's json console formatter (call from the provider's registration).</summary>
    public JsonLogLines Using(IEnumerable<ConsoleFormatter> formatters)
    {
        formatter = formatters.Single(f => f.Name == ConsoleFormatterNames.Json);
        return this;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(string category, JsonLogLines owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var text = new StringWriter();
            owner.formatter!.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner.scopes, text);
            owner.lines.Enqueue(text.ToString().TrimEnd());
        }
    }
}
