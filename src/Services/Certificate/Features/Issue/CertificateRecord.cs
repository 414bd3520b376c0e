using TitleReview.Contracts;

namespace TitleReview.Certificate.Features.Issue;

/// <summary>An issued certificate, by its number: what public verification and the PDF read.</summary>
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
}
