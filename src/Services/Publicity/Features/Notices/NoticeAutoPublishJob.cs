using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore.Jobs;
using TitleReview.EventStore.WorkingDays;

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
    NoticePublisher publisher, LedgerSessions sessions, WorkingDayCalendars calendars, TimeProvider clock,
    IOptions<PublicityJobOptions> options, ILogger<NoticeAutoPublishJob> logger) : PollingJob(logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AutoPublishAt is not null)
        {
            await base.ExecuteAsync(stoppingToken);
        }
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishIfDueAsync(cancellationToken);
        }
        catch (CalendarYearNotLoadedException missing)
        {
            // Not a failure of the job: the entries stay pending, and the health check already names the missing year.
            logger.LogWarning("Automatic publication waits for the {Year} working-day calendar to be loaded", missing.Year);
        }
    }

    private async Task PublishIfDueAsync(CancellationToken cancellationToken)
    {
        var calendar = await calendars.CurrentAsync(cancellationToken);
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
        logger.LogInformation("Published {Count} publicity notice(s) automatically for {Date}", notices.Outcome?.Length ?? 0, today);
    }
}
