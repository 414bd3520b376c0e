using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Jobs;

/// <summary>
/// A scheduled job that runs once at start-up (so work missed while the service was down is caught up) and then at
/// every interval. A failed run is logged and the next one retries: jobs here are idempotent by design. With several
/// instances of a service, each run takes the job's lease first (<see cref="JobLeases"/>): one instance runs it, the
/// others skip that tick, so two runs of a job never overlap anywhere and each reads what the previous one wrote.
/// </summary>
public abstract class PollingJob(JobLeases leases, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan LeaseRetry = TimeSpan.FromMilliseconds(500);

    private long completedRuns;
    private long skippedRuns;

    protected abstract TimeSpan Interval { get; }

    /// <summary>The lease's name: one per job, shared by every instance of the service.</summary>
    protected virtual string LeaseName => GetType().Name;

    /// <summary>
    /// Runs finished so far, succeeded or failed. Runs never overlap, so a count that grew by two since a moment means
    /// a whole run started and ended after it: how a test knows the job considered something and did nothing, without
    /// guessing a delay.
    /// </summary>
    public long CompletedRuns => Interlocked.Read(ref completedRuns);

    /// <summary>Ticks skipped because another instance held the job's lease.</summary>
    public long SkippedRuns => Interlocked.Read(ref skippedRuns);

    /// <summary>One pass over whatever is due; safe to run again.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var startUp = true;
        do
        {
            await TickAsync(startUp, stoppingToken);
            startUp = false;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// A tick while another instance runs the job is skipped: that run covers it. The start-up run waits for the lease
    /// instead, so an instance that comes back catches up at once even when the others' clocks or settings differ.
    /// </summary>
    private async Task TickAsync(bool startUp, CancellationToken stoppingToken)
    {
        try
        {
            var lease = await leases.TryAcquireAsync(LeaseName, stoppingToken);
            while (lease is null && startUp)
            {
                await Task.Delay(LeaseRetry, stoppingToken);
                lease = await leases.TryAcquireAsync(LeaseName, stoppingToken);
            }

            await using var held = lease;
            if (held is null)
            {
                Interlocked.Increment(ref skippedRuns);
                logger.LogDebug("{Job} is running on another instance; this tick is skipped", LeaseName);
                return;
            }

            try
            {
                await RunOnceAsync(stoppingToken);
            }
            finally
            {
                Interlocked.Increment(ref completedRuns);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Job} failed; the next run retries", LeaseName);
        }
    }
}
