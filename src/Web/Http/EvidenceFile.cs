using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using TitleReview.Domain;

namespace TitleReview.Web.Http;

/// <summary>
/// An uploaded piece of evidence (revocation decision, refund slip): a PDF, JPEG or PNG recognised by its first bytes,
/// never by its name or declared type, 10 MB at most, with its SHA-256 for the ledger.
/// </summary>
public sealed record EvidenceFile(string FileName, string ContentType, string Sha256, byte[] Content)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The file, or null with the reason added to <paramref name="errors"/> under <paramref name="field"/>.</summary>
    public static async Task<EvidenceFile?> ReadAsync(IFormFile? file, string field, IDictionary<string, Bilingual[]> errors, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0 || file.Length > MaxBytes)
        {
            errors[field] = [new("请上传依据材料（PDF、JPG 或 PNG，10 MB 以内）。", "Evidence is required: a PDF, JPEG or PNG of at most 10 MB.")];
            return null;
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        if (ContentTypeOf(content) is not { } contentType)
        {
            errors[field] = [new("依据材料的内容不是 PDF、JPG 或 PNG 文件。", "The evidence is not a PDF, JPEG or PNG by its content.")];
            return null;
        }

        return new EvidenceFile(Path.GetFileName(file.FileName), contentType, Convert.ToHexStringLower(SHA256.HashData(content)), content);
    }

    public static string? ContentTypeOf(ReadOnlySpan<byte> content) =>
        FileSignatures.IsPdf(content) ? "application/pdf"
        : FileSignatures.IsJpeg(content) ? "image/jpeg"
        : FileSignatures.IsPng(content) ? "image/png"
        : null;
}
