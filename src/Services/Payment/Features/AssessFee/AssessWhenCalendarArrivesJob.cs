using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Domain.WorkingDays;
using TitleReview.Payment.Features.Lapse;
using TitleReview.EventStore;
using TitleReview.EventStore.Jobs;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// Assesses the fees that waited for a year's working-day calendar, as soon as some instance sees the year imported:
/// it reads the calendar stream afresh whenever anything waits, so no restart and no message is needed.
/// </summary>
public sealed class AssessWhenCalendarArrivesJob(
    LedgerSessions sessions, FeeAssessor assessor, WorkingDayCalendars calendars, IOptions<PaymentJobOptions> options, JobLeases leases, ILogger<AssessWhenCalendarArrivesJob> logger)
    : PollingJob(leases, logger)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => AssessAwaitingAsync(cancellationToken);

    /// <summary>Assesses every waiting fee the calendar now allows; returns how many left the waiting list.</summary>
    public async Task<int> AssessAwaitingAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AwaitingCalendar> waiting;
        await using (var query = sessions.Query())
        {
            waiting = await query.Query<AwaitingCalendar>().OrderBy(a => a.Since).Take(500).ToListAsync(cancellationToken);
        }

        if (waiting.Count == 0)
        {
            return 0;
        }

        var calendar = (await calendars.RefreshAsync(cancellationToken)).Current;
        var done = 0;
        foreach (var entry in waiting)
        {
            try
            {
                await using var session = sessions.OpenForJob("assess-when-calendar-arrives");
                await assessor.AssessAsync(session, entry.Id, calendar, cancellationToken);
                session.Delete(entry);
                await session.SaveChangesAsync(cancellationToken);
                done++;
            }
            catch (CalendarYearNotLoadedException)
            {
                // Still waiting; the next run tries again.
            }
            catch (ConcurrencyException)
            {
                // Someone else appended to the stream meanwhile (Publicity publishing it): the next run reads it afresh.
            }
        }

        if (done > 0)
        {
            logger.LogInformation("Assessed {Count} fee(s) that waited for the working-day calendar", done);
        }

        return done;
    }
}
