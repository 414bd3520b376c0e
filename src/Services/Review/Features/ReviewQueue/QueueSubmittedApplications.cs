using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.ServiceDefaults.EventStore;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>A submitted application joins the reviewers' queue.</summary>
public sealed class QueueSubmittedApplications(LedgerSessions sessions, TimeProvider clock) : IConsumer<ApplicationSubmitted>
{
    public Task Consume(ConsumeContext<ApplicationSubmitted> context) =>
        sessions.ProcessOnceAsync(context, nameof(QueueSubmittedApplications), session =>
        {
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
            return Task.CompletedTask;
        });
}
