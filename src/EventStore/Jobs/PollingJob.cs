using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Jobs;

/// <summary>
/// A scheduled job that runs once at start-up (so work missed while the service was down is caught up) and then at
/// every interval. A failed run is logged and the next one retries: jobs here are idempotent by design.
/// </summary>
public abstract class PollingJob(ILogger logger) : BackgroundService
{
    private long completedRuns;

    protected abstract TimeSpan Interval { get; }

    /// <summary>
    /// Runs finished so far, succeeded or failed. Runs never overlap, so a count that grew by two since a moment means
    /// a whole run started and ended after it: how a test knows the job considered something and did nothing, without
    /// guessing a delay.
    /// </summary>
    public long CompletedRuns => Interlocked.Read(ref completedRuns);

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
            finally
            {
                Interlocked.Increment(ref completedRuns);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
