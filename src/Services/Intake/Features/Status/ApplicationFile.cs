using TitleReview.Domain.Lifecycle;
using TitleReview.Contracts;
using TitleReview.Contracts.Applications;
using TitleReview.Contracts.Ledger;
using TitleReview.Contracts.Events;

namespace TitleReview.Intake.Features.Status;

/// <summary>
/// Intake's own record of an application: the personal data that never enters the shared ledger, and the
/// status the portal reads, kept up to date from the ledger as other services' events arrive.
/// </summary>
public sealed class ApplicationFile
{
    public Guid Id { get; set; }
    public string ApplicantName { get; set; } = "";
    public string IdNumber { get; set; } = "";

    /// <summary>The portal client that submitted it: the only client that may read or change it.</summary>
    public string SubmittedBy { get; set; } = "";
    public string Employer { get; set; } = "";
    public string Series { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }
    public string CycleId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>1: the declaration only; 2: with the 13 modules in <see cref="Dossier"/> (phone number included, unlike the ledger's copy).</summary>
    public int SchemaVersion { get; set; } = 1;
    public Dossier? Dossier { get; set; }
    public List<ChecklistItem> Checklist { get; set; } = [];
    public List<AttachmentReference> Attachments { get; set; } = [];

    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;
    public long LedgerVersion { get; set; }
    public decimal? FeeAmount { get; set; }
    public string? PaymentReference { get; set; }
    public DateOnly? FeeDueDate { get; set; }
    public DateOnly? PublicityStart { get; set; }
    public DateOnly? PublicityEnd { get; set; }
    public string? CertificateNumber { get; set; }

    /// <summary>The file as a submission starts it: the event's values, plus what stays in Intake (number, client, phone).</summary>
    public static ApplicationFile Submitted(ApplicationSubmitted submitted, string idNumber, string submittedBy, Dossier? dossier)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return new ApplicationFile
        {
            Id = submitted.ApplicationId,
            ApplicantName = submitted.ApplicantName,
            IdNumber = idNumber,
            SubmittedBy = submittedBy,
            Employer = submitted.Employer,
            Series = submitted.Series,
            Specialty = submitted.Specialty,
            Level = submitted.Level,
            CycleId = submitted.CycleId,
            SubmittedAt = submitted.SubmittedAt,
            LedgerVersion = 1,
            SchemaVersion = submitted.SchemaVersion,
            Dossier = dossier,
            Checklist = [.. submitted.Checklist ?? []],
            Attachments = [.. submitted.Attachments ?? []],
        };
    }

    public void CatchUpWith(ApplicationLifecycle ledger)
    {
        // Messages from different services arrive in any order; only a newer ledger state may replace an older one.
        if (ledger.Version <= LedgerVersion)
        {
            return;
        }

        LedgerVersion = ledger.Version;
        Status = ledger.Status;
        FeeAmount = ledger.FeeAmount;
        PaymentReference = ledger.PaymentReference;
        FeeDueDate = ledger.FeeDueDate;
        PublicityStart = ledger.PublicityStart;
        PublicityEnd = ledger.PublicityEnd;
        CertificateNumber = ledger.CertificateNumber;
    }
}
