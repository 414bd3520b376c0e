using Marten;
using MassTransit;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;

namespace TitleReview.Review.Features.ReviewQueue;

/// <summary>A submitted application joins the reviewers' queue; a resubmitted one returns to its reviewer, its changes marked.</summary>
public sealed class QueueSubmittedApplications(LedgerSessions sessions, TimeProvider clock)
    : IConsumer<ApplicationSubmitted>, IConsumer<ApplicationResubmitted>, IConsumer<ApplicationWithdrawn>
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
                Series = submitted.Series,
                Specialty = submitted.Specialty,
                Level = submitted.Level,
                QueuedAt = clock.GetUtcNow(),
                UpdatedAt = clock.GetUtcNow(),
                LedgerVersion = 1,
            });
            return Task.CompletedTask;
        });

    public Task Consume(ConsumeContext<ApplicationResubmitted> context) =>
        sessions.ProcessOnceAsync(context, $"{nameof(QueueSubmittedApplications)}.Resubmitted", async session =>
        {
            var resubmitted = context.Message;
            var item = await session.LoadAsync<ReviewQueueItem>(resubmitted.ApplicationId, context.CancellationToken);
            var state = await session.Events.FetchStreamStateAsync(resubmitted.ApplicationId, context.CancellationToken);
            if (item is null || state is null)
            {
                return;
            }

            item.ApplicantName = resubmitted.ApplicantName ?? item.ApplicantName;
            item.Employer = resubmitted.Employer ?? item.Employer;
            item.Series = resubmitted.Series ?? item.Series;
            item.Specialty = resubmitted.Specialty ?? item.Specialty;
            item.ChangedModules = [.. resubmitted.ChangedModules];
            item.Status = ApplicationStatus.Resubmitted;
            item.LedgerVersion = Math.Max(item.LedgerVersion, state.Version);
            item.UpdatedAt = clock.GetUtcNow();
            session.Store(item);
        });

    /// <summary>A withdrawn application leaves the reviewers' work: it stays listed under its status, with no action left.</summary>
    public Task Consume(ConsumeContext<ApplicationWithdrawn> context) =>
        sessions.ProcessOnceAsync(context, $"{nameof(QueueSubmittedApplications)}.Withdrawn", async session =>
        {
            if (await session.LoadAsync<ReviewQueueItem>(context.Message.ApplicationId, context.CancellationToken) is { } item)
            {
                item.Status = ApplicationStatus.Withdrawn;
                item.UpdatedAt = clock.GetUtcNow();
                session.Store(item);
            }
        });
}
