using Marten;
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
        var named = request.Dossier is { } dossier ? DossierFacts.Attachments(dossier).Select(a => a.Id).Distinct().ToList() : [];
        // One round trip for Intake's documents, the attachment table read beside it: at a deadline rush each
        // submission's waits on PostgreSQL are what the portal waits on.
        var stored = attachments.FindAsync(named, cancellationToken);
        var batch = session.CreateBatchQuery();
        var refused = batch.Load<RefusedMaterials>(RefusedMaterials.IdOf(cycle.Year - 1, request.IdNumber!));
        var employer = batch.Load<EmployerCommittee>(EmployerCommittee.IdOf(cycle, request));
        await batch.Execute(cancellationToken);
        return new SubmissionFacts(request, cycle, today, integrity, active, await stored, submitter, calendar,
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
