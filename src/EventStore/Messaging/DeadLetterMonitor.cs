using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Counts the messages in this instance's error queues every <c>Messaging:DeadLetters:PollInterval</c> (default 30 s)
/// and keeps the count for the <c>titlereview.dead_letters</c> gauge and for /health. Counting here, not in the health
/// check, means a probe every few seconds opens no broker connection, and the gauge is exported from start-up whether
/// or not anything ever calls /health (a dashboard without probes still sees it).
/// </summary>
public sealed class DeadLetterMonitor : PeriodicReading
{
    public const string PollIntervalSetting = "Messaging:DeadLetters:PollInterval";

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(30);

    private readonly DeadLetterStore store;
    private long lastCount = -1;

    public DeadLetterMonitor(DeadLetterStore store, TimeSpan pollInterval, ILogger<DeadLetterMonitor> logger)
        : base(pollInterval, logger)
    {
        this.store = store;
        // No measurement until a count succeeded: a dashboard must not read "0 dead letters" from a broker never reached.
        MessagingMetrics.Meter.CreateObservableGauge("titlereview.dead_letters",
            () => LastCount is { } count ? [new Measurement<long>(count)] : Array.Empty<Measurement<long>>(), "{message}",
            "Messages waiting in this instance's error queues (as of the last count)");
    }

    /// <summary>The messages waiting as of the last count; null before the first count succeeded.</summary>
    public long? LastCount => Interlocked.Read(ref lastCount) is var count and >= 0 ? count : null;

    // The broker away is MassTransit's own health check's to report; a failed count leaves the last one standing.
    protected override string What => "the dead letters";

    protected override async Task ReadAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref lastCount, await store.CountAsync(cancellationToken));
}

/// <summary>
/// Degraded while any of this instance's error queues holds a message: someone has to look (the dead-letter endpoints),
/// but the service still serves, so readiness stays up.
/// </summary>
public sealed class DeadLetterHealthCheck(DeadLetterMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(monitor.LastCount switch
        {
            null or 0 => HealthCheckResult.Healthy(),
            var count => HealthCheckResult.Degraded($"{count} 条消息在死信队列中等待处理 / {count} message(s) wait in the error queues"),
        });
}
