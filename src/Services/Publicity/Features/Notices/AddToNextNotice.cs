using Marten;
using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Publicity.Features.Notices;

/// <summary>A final approval puts the application on the next publicity notice.</summary>
public sealed class AddToNextNotice(LedgerSessions sessions) : IConsumer<FinalApproved>
{
    public Task Consume(ConsumeContext<FinalApproved> context) =>
        sessions.ProcessOnceAsync(context, nameof(AddToNextNotice), async session =>
        {
            var id = context.Message.ApplicationId;
            var application = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(id, token: context.CancellationToken);
            if (application is { FinalApproved: true, PublicityNoticeId: null, IsTerminal: false })
            {
                session.Store(PendingNoticeEntry.For(application, context.Message.ApprovedAt));
            }

        });
}
