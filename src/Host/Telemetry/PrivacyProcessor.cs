using System.Diagnostics;
using OpenTelemetry;

namespace WorkersPower.Host.Telemetry;

/// <summary>
/// Runs on every finished span before any exporter (it is added to the tracer provider before them) and takes out
/// whatever could carry personal data, whichever library set it: query strings and full URLs (a mail's unsubscribe
/// token travels in one), client addresses and ports, user agents, <c>enduser.*</c>, HTTP headers, message bodies,
/// SQL parameter values, connection strings; the status description and, in exception events, the message and
/// stack trace (an exception's message may quote input: PostgreSQL's "invalid input syntax for type uuid: …"), keeping
/// <c>exception.type</c>. Exported spans keep names, routes, statement texts (parameterised), ids of envelopes, codes and
/// timings.
/// </summary>
public sealed class PrivacyProcessor : BaseProcessor<Activity>
{
    private static readonly System.Collections.Frozen.FrozenSet<string> Dropped = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "url.query", "url.full", "http.url", "http.target", "client.address", "client.port", "network.peer.address",
        "network.peer.port", "net.peer.ip", "net.peer.port", "http.client_ip", "user_agent.original", "http.user_agent",
        "exception.message", "exception.stacktrace", "db.connection_string", "otel.status_description", "error.message",
    ], StringComparer.Ordinal);

    private static readonly string[] DroppedPrefixes =
    [
        "enduser.", "http.request.header.", "http.response.header.", "http.request.body", "http.response.body",
        "messaging.message.body", "message.body", "db.query.parameter.", "db.operation.parameter.", "graphql.document",
        "graphql.variables",
    ];

    public override void OnEnd(Activity activity)
    {
        List<string>? remove = null;
        foreach (ref readonly var tag in activity.EnumerateTagObjects())
            if (IsDropped(tag.Key)) (remove ??= []).Add(tag.Key);
        if (remove is not null)
            foreach (var key in remove) activity.SetTag(key, null);
        if (activity.StatusDescription is not null) activity.SetStatus(activity.Status);
        CleanEvents(activity);
    }

    /// <summary>Activity's list of events: events cannot be changed or removed through its API, only added.</summary>
    private static readonly System.Reflection.FieldInfo? EventsField =
        typeof(Activity).GetField("_events", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    /// <summary>
    /// Events holding a dropped attribute (an exception's message and stack trace) are replaced by copies without it:
    /// the span's list of events is emptied and the cleaned events added again, in order. Should this .NET not have the
    /// list where it is expected, the span is not exported at all (not recorded) rather than exported with them.
    /// </summary>
    private static void CleanEvents(Activity activity)
    {
        var dirty = false;
        foreach (ref readonly var e in activity.EnumerateEvents())
            foreach (ref readonly var tag in e.EnumerateTagObjects())
                dirty |= IsDropped(tag.Key);
        if (!dirty) return;
        var events = activity.Events.ToList();
        if (EventsField is null)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return;
        }
        EventsField.SetValue(activity, null);
        foreach (var e in events)
        {
            var kept = new ActivityTagsCollection();
            foreach (var tag in e.EnumerateTagObjects())
                if (!IsDropped(tag.Key)) kept.Add(tag.Key, tag.Value);
            activity.AddEvent(new ActivityEvent(e.Name, e.Timestamp, kept));
        }
    }

    /// <summary>Whether a span attribute (or event attribute) of this name is taken out before export.</summary>
    public static bool IsDropped(string key)
    {
        if (Dropped.Contains(key)) return true;
        foreach (var prefix in DroppedPrefixes)
            if (key.StartsWith(prefix, StringComparison.Ordinal) && !key.Equals("graphql.document.id", StringComparison.Ordinal)) return true;
        return false;
    }
}
