using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Domain;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.ServiceDefaults.Identity;
using TitleReview.EventStore.Jobs;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>The day this job last published, so a restart or a second instance does not publish twice in a day.</summary>
public sealed class AutoPublishRun
{
    public const string Key = "auto-publish";

    public string Id { get; set; } = Key;
    public DateOnly LastRunDate { get; set; }
}

/// <summary>What the job knows before it publishes: the current calendar and the Beijing date it last published.</summary>
public sealed record AutoPublishState(WorkingDayCalendar Calendar, DateOnly? LastRunDate);

/// <summary>One look at the clock: the configured Beijing time of day to publish at, and now.</summary>
public sealed record AutoPublishTick(TimeOnly PublishAt, DateTimeOffset Now);

/// <summary>
/// When configured, publishes what is pending once each working day at the configured Beijing time. A service that
/// was down at that time publishes when it comes back the same day.
/// </summary>
public sealed class NoticeAutoPublishJob(
    NoticePublisher publisher, LedgerSessions sessions, WorkingDayCalendars calendars, TimeProvider clock,
    IOptions<PublicityJobOptions> options, JobLeases leases, ILogger<NoticeAutoPublishJob> logger) : PollingJob(leases, logger)
{
    public static readonly Refusal NotAWorkingDay = Refusal.BreaksRule("auto-publish-working-day", null,
        new("今天不是工作日，不自动发布公示。", "Today is not a working day: nothing is published automatically."));

    public static readonly Refusal NotYet = Refusal.BreaksRule("auto-publish-time", null,
        new("尚未到自动发布公示的时间。", "It is not yet the time of day to publish automatically."));

    public static readonly Refusal AlreadyToday = Refusal.Conflict("auto-publish-done",
        new("今天已自动发布过公示。", "Today's automatic publication has already run."));

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
        if (options.Value.AutoPublishAt is not { } publishAt)
        {
            return;
        }

        var calendar = await calendars.CurrentAsync(cancellationToken);
        AutoPublishRun? last;
        await using (var query = sessions.Query())
        {
            last = await query.LoadAsync<AutoPublishRun>(AutoPublishRun.Key, cancellationToken);
        }

        if (!Decide(new AutoPublishState(calendar, last?.LastRunDate), new AutoPublishTick(publishAt, clock.GetUtcNow())).Accepted(out var run, out _))
        {
            return;
        }

        var published = await publisher.PublishPendingAsync(ActingContext.System("publicity.auto-publish", Guid.NewGuid().ToString()), cancellationToken);
        await using var session = sessions.OpenForJob("auto-publish");
        session.Store(run);
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Published {Count} publicity notice(s) automatically for {Date}", published.Outcome?.Length ?? 0, run.LastRunDate);
    }

    /// <summary>
    /// Due once per Beijing working day, from the configured time of day on; a run that has already happened today
    /// (or, with a clock set back, on a later day) is not repeated. The outcome is the run to record after publishing.
    /// Throws <see cref="CalendarYearNotLoadedException"/> when today's year is not in the calendar.
    /// </summary>
    public static Decision<AutoPublishRun> Decide(AutoPublishState state, AutoPublishTick command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var beijing = command.Now.ToOffset(ChinaTime.Offset);
        var today = DateOnly.FromDateTime(beijing.DateTime);
        if (!state.Calendar.IsWorkingDay(today))
        {
            return NotAWorkingDay;
        }

        if (TimeOnly.FromDateTime(beijing.DateTime) < command.PublishAt)
        {
            return NotYet;
        }

        return state.LastRunDate >= today ? AlreadyToday : new AutoPublishRun { LastRunDate = today };
    }
}
