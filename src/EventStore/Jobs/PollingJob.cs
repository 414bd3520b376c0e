using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Jobs;

/// <summary>
/// A scheduled job that runs once at start-up (so work missed while the service was down is caught up) and then at
/// every interval. A failed run is logged and the next one retries: jobs here are idempotent by design.
/// </summary>
public abstract class PollingJob(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass over whatever is due; safe to run again.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Job} failed; the next run retries", GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
