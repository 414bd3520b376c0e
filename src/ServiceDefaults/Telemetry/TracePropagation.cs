using System.Diagnostics;

namespace TitleReview.ServiceDefaults.Telemetry;

/// <summary>
/// One trace per application step, across the ledger: the session that appends an event stores the W3C trace context
/// of the moment (the request, or the message being consumed) in the event's headers, and the relay that publishes the
/// event later — in another thread, after a poll, maybe after a restart — continues that trace instead of starting one.
/// </summary>
public static class TracePropagation
{
    public const string RelaySourceName = "TitleReview.Relay";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>The headers that carry <paramref name="activity"/>'s context, empty when there is none to carry.</summary>
    public static IEnumerable<KeyValuePair<string, string>> HeadersOf(Activity? activity)
    {
        if (activity is not { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            yield break;
        }

        yield return new(TraceParentHeader, id);
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            yield return new(TraceStateHeader, state);
        }
    }

    /// <summary>The context stored with an event, or null for an event appended outside any trace (or before this existed).</summary>
    public static ActivityContext? ContextIn(IDictionary<string, object>? headers)
    {
        if (headers is null || !headers.TryGetValue(TraceParentHeader, out var parent) || parent?.ToString() is not { } traceParent)
        {
            return null;
        }

        var traceState = headers.TryGetValue(TraceStateHeader, out var state) ? state?.ToString() : null;
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : null;
    }
}
