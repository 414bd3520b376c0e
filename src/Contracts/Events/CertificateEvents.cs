namespace TitleReview.Contracts.Events;

// Owned by Certificate. Fields added after events were first stored are optional and last, so older events still
// read (null); see the upcasting test in Contracts.Tests.

public sealed record CertificateIssued(
    Guid ApplicationId,
    string CertificateNumber,
    string HolderName,
    string Specialty,
    TitleLevel Level,
    string CommitteeName,
    DateOnly DecisionDate,
    DateOnly IssueDate,
    string? VerificationCode = null,
    string? Title = null) : IApplicationEvent;

public sealed record CertificateRevoked(
    Guid ApplicationId,
    string CertificateNumber,
    string Reason,
    DateTimeOffset RevokedAt,
    string? EvidenceSha256 = null,
    string? EvidenceFileName = null) : IApplicationEvent;
