using MassTransit;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.Lifecycle;
using TitleReview.Contracts.Events;
using TitleReview.Contracts.Ledger;
using TitleReview.EventStore;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.Features.Status;

/// <summary>
/// Keeps the portal's status in step with the ledger. Each message only says "this stream moved": the status is
/// refolded from the stream itself, so lost ordering between services cannot leave a wrong status behind.
/// </summary>
public sealed class ApplicationStatusFollower(LedgerSessions sessions, ReviewCycleCatalogue cycles, ILogger<ApplicationStatusFollower> logger) :
    IConsumer<ReviewStarted>, IConsumer<RevisionRequested>, IConsumer<FinalApproved>, IConsumer<ApplicationRejected>,
    IConsumer<Published>, IConsumer<ObjectionResolved>, IConsumer<PublicityCompleted>,
    IConsumer<FeeAssessed>, IConsumer<FeePaid>, IConsumer<ApplicationLapsed>, IConsumer<ApplicationLapseUndone>,
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

    /// <summary>A lapse undone by a payment made in time: the application is active again and holds its level slot (三(六)) again.</summary>
    public Task Consume(ConsumeContext<ApplicationLapseUndone> context) => Follow(context, context.Message.ApplicationId, holdSlotAgain: true);
    public Task Consume(ConsumeContext<CommitteeDecided> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<CertificateIssued> context) => Follow(context, context.Message.ApplicationId);
    public Task Consume(ConsumeContext<CertificateRevoked> context) => Follow(context, context.Message.ApplicationId);

    private Task Follow(ConsumeContext context, Guid applicationId, bool holdSlotAgain = false) =>
        sessions.ProcessOnceAsync(context, nameof(ApplicationStatusFollower), async session =>
        {
            var file = await session.LoadAsync<ApplicationFile>(applicationId, context.CancellationToken);
            var ledger = await session.Events.AggregateStreamAsync<ApplicationLifecycle>(applicationId, token: context.CancellationToken);
            if (file is not null && ledger is not null)
            {
                file.CatchUpWith(ledger);
                session.Store(file);
                if (holdSlotAgain)
                {
                    await HoldSlotAgainAsync(session, file, context.CancellationToken);
                }

                if (file.Status is ApplicationStatus.Rejected or ApplicationStatus.CommitteeFailed)
                {
                    await RefusedMaterials.RememberAsync(session, file, cycles.Find(file.CycleId), context.CancellationToken);
                }
            }
        });

    /// <summary>
    /// A lapse counts as giving up (视作自愿放弃), so the person may have applied again to the same committee since, and
    /// that application took the slot. The one paid in time continues; when the newer one is still active both stand,
    /// for an officer to settle (logged), otherwise the slot points back at this application.
    /// </summary>
    private async Task HoldSlotAgainAsync(Marten.IDocumentSession session, ApplicationFile file, CancellationToken cancellationToken)
    {
        if (cycles.Find(file.CycleId) is not { } cycle)
        {
            return;
        }

        var id = LevelSlot.IdOf(cycle.Year, file.IdNumber, file.Level);
        var slot = await session.LoadAsync<LevelSlot>(id, cancellationToken);
        if (slot is null || slot.ApplicationId != file.Id
            && (await session.LoadAsync<ApplicationFile>(slot.ApplicationId, cancellationToken))?.Status.IsTerminal() != false)
        {
            session.Store(new LevelSlot { Id = id, ApplicationId = file.Id });
        }
        else if (slot.ApplicationId != file.Id)
        {
            logger.LogWarning("Application {ApplicationId} continues after its lapse was undone, but the person's level slot is held by another active application {Other}", file.Id, slot.ApplicationId);
        }
    }
}
