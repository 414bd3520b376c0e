using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Contracts.WorkingDays;
using TitleReview.ServiceDefaults.EventStore;

namespace TitleReview.Payment.Features.AssessFee;

/// <summary>Notice 五: the fee is assessed after final approval, with a payment reference and a due date in working days.</summary>
public sealed class AssessFeeOnFinalApproval(
    LedgerSessions sessions, WorkingDayCalendar calendar, IOptions<FeeSchedule> fees, TimeProvider clock) : IConsumer<FinalApproved>
{
    public Task Consume(ConsumeContext<FinalApproved> context) =>
        sessions.ProcessOnceAsync(context, nameof(AssessFeeOnFinalApproval), async session =>
        {
            var id = context.Message.ApplicationId;
            var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, context.CancellationToken);
            if (stream.Aggregate is { FinalApproved: true, FeeAmount: null, IsTerminal: false } application)
            {
                var cycle = ReviewCycles.Get(application.CycleId);
                var amount = fees.Value.AmountFor(cycle.Id, application.Level)
                    ?? throw new InvalidOperationException($"No fee is configured for {cycle.Id} {application.Level}.");
                var now = clock.GetUtcNow();
                var due = calendar.EndOfPeriod(ChinaTime.DateOfInstant(now).AddDays(1), cycle.PaymentDueWorkingDays);
                var reference = PaymentReference.For(cycle, id);
                stream.AppendOne(new FeeAssessed(id, amount, reference, due, now));
                session.Store(new FeeAccount { Id = id, PaymentReference = reference, Amount = amount, DueDate = due });
            }

        });
}
