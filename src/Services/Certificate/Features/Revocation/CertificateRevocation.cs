using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts.Events;
using TitleReview.Domain;

namespace TitleReview.Certificate.Features.Revocation;

/// <summary>An admin's revocation of one certificate: the reason (trimmed), the evidence's hash and name, and when.</summary>
public sealed record RevokeCommand(string Number, string Reason, string EvidenceSha256, string EvidenceFileName, DateTimeOffset Now);

/// <summary>Notice 四(三)3: a title obtained by fraud is revoked (撤销) and the person recorded for 3 years.</summary>
public static class CertificateRevocation
{
    public const string Clause = "四(三)3";
    public const int MaxReasonLength = 500;

    /// <summary>
    /// An issued certificate is revoked once: a second revocation is a conflict (Intake would move the holder's 3-year
    /// integrity record to end 3 years after the second one, not the first), and a number never issued is not found.
    /// </summary>
    public static Decision<CertificateRevoked> Decide(CertificateRecord? certificate, RevokeCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var number = command.Number;
        if (certificate is null)
        {
            return Refusal.NotFound("certificate-not-found", new Bilingual($"没有编号为 {number} 的证书。", $"No certificate {number}."));
        }

        if (certificate.IsRevoked)
        {
            return Refusal.Conflict("certificate-already-revoked", new Bilingual(
                $"证书 {number} 已于 {certificate.RevokedAt:yyyy-MM-dd} 撤销。", $"Certificate {number} was already revoked on {certificate.RevokedAt:yyyy-MM-dd}."),
                Clause);
        }

        return new CertificateRevoked(certificate.ApplicationId, number, command.Reason, command.Now, command.EvidenceSha256, command.EvidenceFileName);
    }

    /// <summary>The form's reason alone (the evidence is read at the edge): present and at most 500 characters.</summary>
    public static Dictionary<string, Bilingual[]> Validate(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? new Dictionary<string, Bilingual[]> { ["reason"] = [new("请填写撤销理由（500 字以内）。", "reason is required (at most 500 characters).")] }
            : [];
}
