using TitleReview.Contracts;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>
/// An issued certificate, by its number: what the PDFs, public verification and revocation read. Filled from the
/// ledger when the certificate is issued, so printing never depends on another service's tables.
/// </summary>
public sealed class CertificateRecord
{
    public string Number { get; set; } = "";
    public Guid ApplicationId { get; set; }
    public string HolderName { get; set; } = "";
    public string Specialty { get; set; } = "";
    public TitleLevel Level { get; set; }
    public string CommitteeName { get; set; } = "";
    public DateOnly DecisionDate { get; set; }
    public DateOnly IssueDate { get; set; }

    /// <summary>Printed on the certificate and in its QR code: with the number it verifies without typing the name.</summary>
    public string VerificationCode { get; set; } = "";

    /// <summary>The portal client that submitted the application (the acting user of ApplicationSubmitted).</summary>
    public string SubmittedBy { get; set; } = "";

    public string Employer { get; set; } = "";
    public string Series { get; set; } = "";
    public string CycleId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? FinalApprovedAt { get; set; }
    public DateOnly? PublicityStart { get; set; }
    public DateOnly? PublicityEnd { get; set; }
    public int MembersTotal { get; set; }
    public int MembersPresent { get; set; }
    public int VotesFor { get; set; }
    public int VotesAgainst { get; set; }
    public int Abstentions { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevocationReason { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
