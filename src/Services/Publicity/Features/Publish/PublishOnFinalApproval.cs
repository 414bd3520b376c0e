using Marten;
using MassTransit;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Cycles;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.Contracts.WorkingDays;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Messaging;

namespace TitleReview.Publicity.Features.Publish;

/// <summary>
/// A final approval starts the application's publicity (公示): from the first working day on or after the approval,
/// for the cycle's number of working days (at least 5, notice 四(一)), counted with the calendar version recorded.
/// </summary>
public sealed class PublishOnFinalApproval(LedgerSessions sessions, WorkingDayCalendar calendar, TimeProvider clock) : IConsumer<FinalApproved>
{
    private const int MinimumWorkingDays = 5;

    public async Task Consume(ConsumeContext<FinalApproved> context)
    {
        await using var session = sessions.OpenForMessage(context);
        if (await session.AlreadyProcessedAsync(context, nameof(PublishOnFinalApproval)))
        {
            return;
        }

        var id = context.Message.ApplicationId;
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(id, context.CancellationToken);
        if (stream.Aggregate is { FinalApproved: true, PublicityNoticeId: null, IsTerminal: false } application)
        {
            var cycle = ReviewCycles.Get(application.CycleId);
            var days = Math.Max(MinimumWorkingDays, cycle.PublicityWorkingDays);
            var start = calendar.OnOrAfter(ChinaTime.DateOfInstant(context.Message.ApprovedAt));
            var end = calendar.EndOfPeriod(start, days);
            var noticeId = Guid.CreateVersion7(clock.GetUtcNow());
            stream.AppendOne(new Published(id, noticeId, start, end, days, calendar.Version, clock.GetUtcNow()));
            session.Store(new PublicityPeriod { Id = id, NoticeId = noticeId, Start = start, End = end, CalendarVersion = calendar.Version });
        }

        session.MarkProcessed(context, nameof(PublishOnFinalApproval), clock.GetUtcNow());
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
