using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.ServiceDefaults.Messaging;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>A submitted application joins the reviewers' queue.</summary>
public sealed class QueueSubmittedApplications(LedgerSessions sessions, TimeProvider clock) : IConsumer<ApplicationSubmitted>
{
    public async Task Consume(ConsumeContext<ApplicationSubmitted> context)
    {
        await using var session = sessions.OpenForMessage(context);
        if (await session.AlreadyProcessedAsync(context, nameof(QueueSubmittedApplications)))
        {
            return;
        }

        var submitted = context.Message;
        session.Store(new ReviewQueueItem
        {
            Id = submitted.ApplicationId,
            ApplicantName = submitted.ApplicantName,
            Employer = submitted.Employer,
            Specialty = submitted.Specialty,
            Level = submitted.Level,
            QueuedAt = clock.GetUtcNow(),
        });
        session.MarkProcessed(context, nameof(QueueSubmittedApplications), clock.GetUtcNow());
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
