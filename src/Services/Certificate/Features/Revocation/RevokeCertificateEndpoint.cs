using Marten;
using Microsoft.AspNetCore.Mvc;
using TitleReview.Certificate.Features.Issue;
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
        var errors = CertificateRevocation.Validate(reason);
        var file = await EvidenceFile.ReadAsync(evidence, "evidence", errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        await using var session = sessions.OpenForRequest(http);
        var certificate = await session.LoadAsync<CertificateRecord>(number, cancellationToken);
        var command = new RevokeCommand(number, reason!.Trim(), file!.Sha256, file.FileName, clock.GetUtcNow());
        if (!CertificateRevocation.Decide(certificate, command).Accepted(out var revoked, out var refusal))
        {
            return refusal.ToProblem();
        }

        // Appended at the version read here: of two revocations at once, the second fails with a conflict.
        var stream = await session.Events.FetchForWriting<ApplicationLifecycle>(revoked.ApplicationId, cancellationToken);
        stream.AppendOne(revoked);
        certificate!.RevokedAt = revoked.RevokedAt;
        certificate.RevocationReason = revoked.Reason;
        session.Store(certificate);
        session.Store(new RevocationEvidence { Id = Guid.CreateVersion7(revoked.RevokedAt), CertificateNumber = number, FileName = file.FileName, ContentType = file.ContentType, Sha256 = file.Sha256, Content = file.Content });
        await session.SaveChangesAsync(cancellationToken);
        return Results.Ok(new RevokedResponse(number, revoked.RevokedAt, file.Sha256));
    }
}
