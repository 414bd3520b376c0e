using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Contracts.Events;
using TitleReview.EventStore;
using TitleReview.Web.Http;
using TitleReview.Domain.Lifecycle;

namespace TitleReview.Certificate.Features.Revocation;

public sealed record RevokedResponse(string Number, DateTimeOffset RevokedAt, string EvidenceSha256);

/// <summary>
/// Notice 四(三)3: a title obtained by fraud is revoked. An admin gives the reason and the evidence (PDF, JPEG or PNG,
/// 10 MB at most, multipart fields reason and evidence) → CertificateRevoked; verification shows it at once, and Intake
/// records the person in its integrity register for 3 years.
/// </summary>
public static class RevokeCertificateEndpoint
{
    public static RouteGroupBuilder MapRevokeCertificate(this RouteGroupBuilder certificates)
    {
        certificates.MapPost("/{number}/revocation", RevokeCertificate)
        // Callers authenticate with a header, not a cookie: there is no cross-site form to forge.
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(EvidenceFile.MaxBytes + 64 * 1024));
        return certificates;
    }

    private static async Task<IResult> RevokeCertificate(string number, [FromForm] string? reason, IFormFile? evidence, HttpContext http,
            LedgerSessions sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            errors["reason"] = ["请填写撤销理由（500 字以内）。 / reason is required (at most 500 characters)."];
        }

        var file = await EvidenceFile.ReadAsync(evidence, "evidence", errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var certificate = await session.LoadAsync<CertificateRecord>(number, cancellationToken);
        if (certificate is null)
        {
            return Problems.NotFound($"没有编号为 {number} 的证书。", $"No certificate {number}.");
        }

        if (certificate.IsRevoked)
        {
            return Problems.Conflict($"证书 {number} 已于 {certificate.RevokedAt:yyyy-MM-dd} 撤销。", $"Certificate {number} was already revoked on {certificate.RevokedAt:yyyy-MM-dd}.");
        }

        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(certificate.ApplicationId, cancellationToken);
        var now = clock.GetUtcNow();
        stream.AppendOne(new CertificateRevoked(certificate.ApplicationId, number, reason!.Trim(), now, file!.Sha256, file.FileName));
        certificate.RevokedAt = now;
        certificate.RevocationReason = reason.Trim();
        session.Store(certificate);
        session.Store(new RevocationEvidence { Id = Guid.CreateVersion7(now), CertificateNumber = number, FileName = file.FileName, ContentType = file.ContentType, Sha256 = file.Sha256, Content = file.Content });
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new RevokedResponse(number, now, file.Sha256));
    }
}
