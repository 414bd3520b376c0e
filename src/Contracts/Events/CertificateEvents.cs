namespace TitleReview.Contracts.Events;

// Owned by Certificate.

public sealed record CertificateIssued(
    Guid ApplicationId,
    string CertificateNumber,
    string HolderName,
    string Specialty,
    TitleLevel Level,
    string CommitteeName,
    DateOnly DecisionDate,
    DateOnly IssueDate) : IApplicationEvent;

public sealed record CertificateRevoked(
    Guid ApplicationId,
    string CertificateNumber,
    string Reason,
    DateTimeOffset RevokedAt) : IApplicationEvent;
