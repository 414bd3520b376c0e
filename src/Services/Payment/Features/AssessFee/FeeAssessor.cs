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

        var cycle = cycles.Get(application.CycleId);
        var amount = fees.Value.AmountFor(cycle.Id, application.Level)
            ?? throw new InvalidOperationException($"No fee is configured for {cycle.Id} {application.Level}.");
        var now = clock.GetUtcNow();
        var due = calendar.EndOfPeriod(ChinaTime.DateOfInstant(now).AddDays(1), cycle.PaymentDueWorkingDays);
        var reference = PaymentReference.For(cycle, id);
        stream.AppendOne(new FeeAssessed(id, amount, reference, due, now));
        session.Store(new FeeAccount { Id = id, PaymentReference = reference, Amount = amount, DueDate = due });
    }
}
