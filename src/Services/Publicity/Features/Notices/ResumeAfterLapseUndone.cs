using Marten;
using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>
/// A lapse undone by a payment made in time (notice 五): the application continues, so publicity picks it up where the
/// lapse left it. The notice publisher and the completion job pass over a lapsed application and drop or close its
/// entry; here it goes back on the next notice, or its period is reopened for the completion job.
/// </summary>
public sealed class ResumeAfterLapseUndone(LedgerSessions sessions, TimeProvider clock) : IConsumer<ApplicationLapseUndone>
{
    public Task Consume(ConsumeContext<ApplicationLapseUndone> context) =>
        sessions.ProcessOnceAsync(context, nameof(ResumeAfterLapseUndone), async session =>
        {
            var id = context.Message.ApplicationId;
            var application = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(id, token: context.CancellationToken);
            if (application is not { FinalApproved: true, IsTerminal: false })
            {
                return;
            }

            if (application.PublicityNoticeId is null)
            {
                session.Store(PendingNoticeEntry.For(application, application.FinalApprovedAt ?? clock.GetUtcNow()));
            }
            else if (!application.PublicityCompleted && await session.LoadAsync<PublicityPeriod>(id, context.CancellationToken) is { Closed: true } period)
            {
                period.Closed = false;
                period.CompletedOn = null;
                session.Store(period);
            }
        });
}
