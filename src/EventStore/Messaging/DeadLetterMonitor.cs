using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Counts the messages in this instance's error queues every <c>Messaging:DeadLetters:PollInterval</c> (default 30 s)
/// and keeps the count for the <c>titlereview.dead_letters</c> gauge and for /health. Counting here, not in the health
/// check, means a probe every few seconds opens no broker connection, and the gauge is exported from start-up whether
/// or not anything ever calls /health (a dashboard without probes still sees it).
/// </summary>
public sealed class DeadLetterMonitor(DeadLetterStore store, TimeSpan pollInterval, ILogger<DeadLetterMonitor> logger) : BackgroundService
{
    public const string PollIntervalSetting = "Messaging:DeadLetters:PollInterval";

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(30);

    private long lastCount = -1;

    /// <summary>The messages waiting as of the last count; null before the first count succeeded.</summary>
    public long? LastCount => Interlocked.Read(ref lastCount) is var count and >= 0 ? count : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // No measurement until a count succeeded: a dashboard must not read "0 dead letters" from a broker never reached.
        MessagingMetrics.Meter.CreateObservableGauge("titlereview.dead_letters",
            () => LastCount is { } count ? [new Measurement<long>(count)] : Array.Empty<Measurement<long>>(), "{message}",
            "Messages waiting in this instance's error queues (as of the last count)");
        using var timer = new PeriodicTimer(pollInterval);
        do
        {
            try
            {
                Interlocked.Exchange(ref lastCount, await store.CountAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker away is MassTransit's own health check's to report; the count stays what it last was.
                logger.LogWarning(ex, "Counting the dead letters failed; the next poll retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
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
