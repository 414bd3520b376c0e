using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.EventStore;
using TitleReview.EventStore.WorkingDays;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// Notice 五: the fee is assessed after final approval. When the due date would fall in a year whose calendar is not
/// loaded, the application is recorded as awaiting the calendar, in the same transaction that marks the message done:
/// nothing is dead-lettered, and the job assesses it once the year is imported.
/// </summary>
public sealed class AssessFeeOnFinalApproval(
    LedgerSessions sessions, FeeAssessor assessor, WorkingDayCalendars calendars, TimeProvider clock, ILogger<AssessFeeOnFinalApproval> logger) : IConsumer<FinalApproved>
{
    public Task Consume(ConsumeContext<FinalApproved> context) =>
        sessions.ProcessOnceAsync(context, nameof(AssessFeeOnFinalApproval), async session =>
        {
            var id = context.Message.ApplicationId;
            try
            {
                await assessor.AssessAsync(session, id, await calendars.CurrentAsync(context.CancellationToken), context.CancellationToken);
            }
            catch (CalendarYearNotLoadedException missing)
            {
                logger.LogWarning("Fee of {ApplicationId} waits for the {Year} working-day calendar", id, missing.Year);
                session.Store(new AwaitingCalendar { Id = id, MissingYear = missing.Year, Since = clock.GetUtcNow() });
            }
        });
}
