namespace TitleReview.Certificate.Features.Revocation;

/// <summary>The file an admin gave as evidence for a revocation; its SHA-256 is in the CertificateRevoked event.</summary>
public sealed class RevocationEvidence
{
    public Guid Id { get; set; }
    public string CertificateNumber { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];

}
