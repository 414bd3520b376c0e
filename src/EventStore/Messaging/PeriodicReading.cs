using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TitleReview.EventStore.Messaging;

/// <summary>
/// Takes one reading at start-up and then every interval, for a gauge and /health to show (relay lag, dead letters).
/// Each instance reads for itself, so there is no lease (unlike <see cref="Jobs.PollingJob"/>); a failed reading is
/// logged, the last value stays, and the next tick retries.
/// </summary>
public abstract class PeriodicReading(TimeSpan interval, ILogger logger) : BackgroundService
{
    /// <summary>What is read, for the log ("the relay lag").</summary>
    protected abstract string What { get; }

    protected abstract Task ReadAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading {What} failed; the next poll retries", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
