using Marten;
using Marten.Services.BatchQuerying;
using TitleReview.Contracts.Applications;
using TitleReview.Domain.Cycles;
using TitleReview.Domain.WorkingDays;
using TitleReview.Intake.Features.Attachments;
using TitleReview.Intake.Features.IntegrityRegister;
using TitleReview.Intake.Features.SubmitApplication.Rules;

namespace TitleReview.Intake.Features.SubmitApplication;

/// <summary>Gathers what the rules need from Intake's own stores, and what the ledger is given of the dossier.</summary>
public static class SubmissionFactsReader
{
    public static async Task<SubmissionFacts> ReadAsync(IQuerySession session, AttachmentStore attachments, SubmitApplicationRequest request, ReviewCycle cycle,
        DateOnly today, IntegrityRecord? integrity, Guid? active, string submitter, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var batch = session.CreateBatchQuery();
        var pending = Queue(batch, attachments, request, cycle, cancellationToken);
        await batch.Execute(cancellationToken);
        return await pending.FactsAsync(today, integrity, active, submitter, calendar);
    }

    /// <summary>
    /// Queues the reads on the caller's batch, so they share its one round trip for Intake's documents, and starts the
    /// attachment table's read beside it: at a deadline rush each submission's waits on PostgreSQL (and each pooled
    /// connection's reset) are what the portal waits on. Execute the batch, then <see cref="Pending.FactsAsync"/>.
    /// </summary>
    public static Pending Queue(IBatchedQuery batch, AttachmentStore attachments, SubmitApplicationRequest request, ReviewCycle cycle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(cycle);
        var named = request.Dossier is { } dossier ? DossierFacts.Attachments(dossier).Select(a => a.Id).Distinct().ToList() : [];
        return new Pending(request, cycle, attachments.FindAsync(named, cancellationToken),
            batch.Load<RefusedMaterials>(RefusedMaterials.IdOf(cycle.Year - 1, request.IdNumber!)),
            batch.Load<EmployerCommittee>(EmployerCommittee.IdOf(cycle, request)));
    }

    /// <summary>The rules' reads in flight: <see cref="FactsAsync"/> once their batch has executed.</summary>
    public sealed class Pending(SubmitApplicationRequest request, ReviewCycle cycle, Task<IReadOnlyDictionary<Guid, StoredAttachment>> stored,
        Task<RefusedMaterials?> refused, Task<EmployerCommittee?> employer)
    {
        public async Task<SubmissionFacts> FactsAsync(DateOnly today, IntegrityRecord? integrity, Guid? active, string submitter, WorkingDayCalendar calendar) =>
            new(request, cycle, today, integrity, active, await stored, submitter, calendar,
                (await refused)?.Sha256.ToHashSet(StringComparer.Ordinal), await employer);
    }

    /// <summary>The attachments as the ledger records them: id, kind by content, SHA-256, size, module and field.</summary>
    public static IReadOnlyList<AttachmentReference> References(SubmissionFacts facts) =>
        facts.Dossier is not { } dossier || facts.Attachments is null
            ? []
            : [.. from named in DossierFacts.Attachments(dossier)
                  where facts.Attachments.ContainsKey(named.Id)
                  let stored = facts.Attachments[named.Id]
                  select new AttachmentReference(stored.Id, stored.Kind.ToString(), stored.Sha256, stored.Length, named.Module, named.Field)];

    /// <summary>The ledger is read by every service: the phone number stays in Intake's own record.</summary>
    public static Dossier? ForLedger(Dossier? dossier) =>
        dossier is { Basic: { } basic } ? dossier with { Basic = basic with { Phone = null } } : dossier;
}
