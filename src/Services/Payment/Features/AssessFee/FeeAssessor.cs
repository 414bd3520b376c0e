using Marten;
using Microsoft.Extensions.Options;
using TitleReview.Domain.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Domain.WorkingDays;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>
/// Notice 五: the fee is assessed after final approval, with a payment reference and a due date N working days after
/// the day of assessment. The due date counts from the assessment (not the approval) so an application that waited for
/// the calendar still gets its full N working days once it can see its fee.
/// </summary>
public sealed class FeeAssessor(IOptions<FeeSchedule> fees, ReviewCycleCatalogue cycles, TimeProvider clock)
{
    /// <summary>
    /// Appends FeeAssessed to the session when the application is due for it. Throws
    /// <see cref="CalendarYearNotLoadedException"/> before appending anything when the due date falls in a year not loaded.
    /// </summary>
    public async Task AssessAsync(IDocumentSession session, Guid id, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, cancellationToken);
        if (stream.Aggregate is not { FinalApproved: true, FeeAmount: null, IsTerminal: false } application)
        {
            return;
        }

        if (Decide(id, application, cycles.Get(application.CycleId), fees.Value, calendar, clock.GetUtcNow()) is { } assessed)
        {
            stream.AppendOne(assessed);
            session.Store(new FeeAccount { Id = id, PaymentReference = assessed.PaymentReference, Amount = assessed.Amount, DueDate = assessed.DueDate });
        }
    }

    /// <summary>
    /// The fee an application finally approved and not yet assessed owes: the schedule's amount for its cycle and
    /// level, due N working days after the day of assessment. Null when nothing is due (not approved, assessed, ended).
    /// </summary>
    public static FeeAssessed? Decide(
        Guid id, ApplicationLifecycle application, ReviewCycle cycle, FeeSchedule schedule, WorkingDayCalendar calendar, DateTimeOffset now)
    {
        if (application is not { FinalApproved: true, FeeAmount: null, IsTerminal: false })
        {
            return null;
        }

        var amount = schedule.AmountFor(cycle.Id, application.Level)
            ?? throw new InvalidOperationException($"No fee is configured for {cycle.Id} {application.Level}.");
        var due = calendar.EndOfPeriod(ChinaTime.DateOfInstant(now).AddDays(1), cycle.PaymentDueWorkingDays);
        return new FeeAssessed(id, amount, PaymentReference.For(cycle, id), due, now);
    }
}
