using System.Diagnostics.Metrics;

namespace TitleReview.EventStore.Messaging;

/// <summary>The one meter of the messaging gauges (dead letters, relay lag); ServiceDefaults exports it by name.</summary>
public static class MessagingMetrics
{
    public const string MeterName = "TitleReview.Messaging";

    public static Meter Meter { get; } = new(MeterName);
}
