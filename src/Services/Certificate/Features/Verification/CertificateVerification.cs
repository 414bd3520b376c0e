using Marten;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts;
using TitleReview.EventStore;

namespace TitleReview.Certificate.Features.Verification;

public enum VerificationResult
{
    Valid,
    Revoked,
    NotFound,
}

/// <summary>What verification reveals: exactly what the certificate itself states, never a 身份证 or phone number.</summary>
public sealed record VerifiedCertificate(
    string Number,
    string HolderName,
    string Title,
    string Grade,
    string Series,
    string Specialty,
    string CommitteeName,
    DateOnly DecisionDate,
    DateOnly IssueDate,
    DateOnly? RevokedOn);

public sealed record VerificationAnswer(VerificationResult Result, string ResultChinese, VerifiedCertificate? Certificate);

/// <summary>
/// 职称证书查询: a certificate number plus the holder's name or the printed verification code. A number with the wrong
/// name answers "not found", exactly like an unknown number, so guessing numbers learns nothing.
/// </summary>
public static class CertificateVerification
{
    public const string RateLimitPolicy = "verification";

    public static async Task<VerificationAnswer> VerifyAsync(LedgerSessions sessions, string number, string? name, string? code, CancellationToken cancellationToken)
    {
        await using var query = sessions.Query();
        var certificate = await query.LoadAsync<CertificateRecord>(number.Trim(), cancellationToken);
        var matches = certificate is not null
            && (Same(name, certificate.HolderName) || Same(code, certificate.VerificationCode));
        if (!matches)
        {
            return new VerificationAnswer(VerificationResult.NotFound, "未查到该证书（请核对证书编号与姓名或验证码）", null);
        }

        var revokedOn = certificate!.RevokedAt is { } revoked ? TitleReview.Domain.WorkingDays.ChinaTime.DateOfInstant(revoked) : (DateOnly?)null;
        var shown = new VerifiedCertificate(certificate.Number, certificate.HolderName, certificate.Level.TitleName(), certificate.Level.Grade(),
            certificate.Series, certificate.Specialty, certificate.CommitteeName, certificate.DecisionDate, certificate.IssueDate, revokedOn);
        return revokedOn is { } on
            ? new VerificationAnswer(VerificationResult.Revoked, $"该证书已于 {on:yyyy-MM-dd} 撤销，不再有效", shown)
            : new VerificationAnswer(VerificationResult.Valid, "证书有效", shown);
    }

    private static bool Same(string? given, string actual) =>
        !string.IsNullOrWhiteSpace(given) && string.Equals(given.Trim(), actual, StringComparison.OrdinalIgnoreCase);
}
