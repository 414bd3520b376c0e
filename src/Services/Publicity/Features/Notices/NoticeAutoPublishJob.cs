using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Contracts.WorkingDays;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Identity;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>The day this job last published, so a restart or a second instance does not publish twice in a day.</summary>
public sealed class AutoPublishRun
{
    public string Id { get; set; } = "auto-publish";
    public DateOnly LastRunDate { get; set; }
}

/// <summary>
/// When configured, publishes what is pending once each working day at the configured Beijing time. A service that
/// was down at that time publishes when it comes back the same day.
/// </summary>
public sealed class NoticeAutoPublishJob(
    NoticePublisher publisher, LedgerSessions sessions, WorkingDayCalendar calendar, TimeProvider clock,
    IOptions<PublicityJobOptions> options, ILogger<NoticeAutoPublishJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AutoPublishAt is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Automatic publicity publishing failed; the next run retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunIfDueAsync(CancellationToken cancellationToken)
    {
        var beijing = clock.GetUtcNow().ToOffset(ChinaTime.Offset);
        var today = DateOnly.FromDateTime(beijing.DateTime);
        if (!calendar.IsWorkingDay(today) || TimeOnly.FromDateTime(beijing.DateTime) < options.Value.AutoPublishAt)
        {
            return;
        }

        await using (var query = sessions.Query())
        {
            if (await query.LoadAsync<AutoPublishRun>("auto-publish", cancellationToken) is { } run && run.LastRunDate >= today)
            {
                return;
            }
        }

        var notices = await publisher.PublishPendingAsync(ActingContext.System("publicity.auto-publish", Guid.NewGuid().ToString()), cancellationToken);
        await using var session = sessions.OpenForJob("auto-publish");
        session.Store(new AutoPublishRun { LastRunDate = today });
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Published {Count} publicity notice(s) automatically for {Date}", notices.Count, today);
    }
}
