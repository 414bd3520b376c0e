using TitleReview.Contracts.Applications;

namespace TitleReview.Contracts.Events;

// Owned by Intake. Personal numbers (身份证, phone) stay inside Intake's own documents: the ledger is read by every
// service and replayed by auditors, so it carries only what the later steps need — for schema version 2 the modules
// without the phone number, the reviewer's checklist, and attachment ids with their SHA-256 (never the bytes).

public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string ApplicantName,
    string Employer,
    string Series,
    string Specialty,
    TitleLevel Level,
    string CycleId,
    DateTimeOffset SubmittedAt,
    int SchemaVersion = 1,
    Dossier? Dossier = null,
    IReadOnlyList<ChecklistItem>? Checklist = null,
    IReadOnlyList<AttachmentReference>? Attachments = null) : IApplicationEvent;

/// <summary>The applicant's corrections after a revision request; the changed values the later steps print are carried (null: unchanged).</summary>
public sealed record ApplicationResubmitted(
    Guid ApplicationId,
    IReadOnlyList<string> ChangedModules,
    DateTimeOffset ResubmittedAt,
    string? ApplicantName = null,
    string? Employer = null,
    string? Series = null,
    string? Specialty = null,
    Dossier? Dossier = null,
    IReadOnlyList<ChecklistItem>? Checklist = null,
    IReadOnlyList<AttachmentReference>? Attachments = null) : IApplicationEvent;

public sealed record ApplicationWithdrawn(
    Guid ApplicationId,
    string Reason,
    DateTimeOffset WithdrawnAt) : IApplicationEvent;
