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

    /// <summary>Evidence is a PDF, JPEG or PNG, recognised by its first bytes, never by its name or declared type.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith("%PDF-"u8) ? "application/pdf"
        : content.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) ? "image/jpeg"
        : content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;
}
