using MassTransit;
using TitleReview.ServiceDefaults.Ledger;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.ServiceDefaults.EventStore;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.Features.Status;

/// <summary>
/// Keeps the portal's status in step with the ledger. Each message only says "this stream moved": the status is
/// refolded from the stream itself, so lost ordering between services cannot leave a wrong status behind.
/// </summary>
public sealed class ApplicationStatusFollower(LedgerSessions sessions) :
    IConsumer<ReviewStarted>, IConsumer<RevisionRequested>, IConsumer<FinalApproved>, IConsumer<ApplicationRejected>,
    IConsumer<Published>, IConsumer<ObjectionResolved>, IConsumer<PublicityCompleted>,
    IConsumer<FeeAssessed>, IConsumer<FeePaid>, IConsumer<ApplicationLapsed>,
    IConsumer<CommitteeDecided>, IConsumer<CertificateIssued>, IConsumer<CertificateRevoked>
{
    public Task Consume(ConsumeContext<ReviewStarted> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<RevisionRequested> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<FinalApproved> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<ApplicationRejected> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<Published> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<ObjectionResolved> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<PublicityCompleted> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<FeeAssessed> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<FeePaid> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<ApplicationLapsed> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<CommitteeDecided> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<CertificateIssued> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<CertificateRevoked> context) => Follow(context, context.Message.ApplicationId);

    private Task Follow(ConsumeContext context, Guid applicationId) =>
        sessions.ProcessOnceAsync(context, nameof(ApplicationStatusFollower), async session =>
        {
            var file = await session.LoadAsync<ApplicationFile>(applicationId, context.CancellationToken);
            var ledger = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(applicationId, token: context.CancellationToken);
            if (file is not null && ledger is not null)
            {
                file.CatchUpWith(ledger);
                session.Store(file);
                if (file.Status is ApplicationStatus.Rejected or ApplicationStatus.CommitteeFailed)
                {
                    await RefusedMaterials.RememberAsync(session, file, context.CancellationToken);
                }
            }
        });
}
