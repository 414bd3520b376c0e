using Marten;
using TitleReview.Certificate.Features.Issue;
using TitleReview.Certificate.Features.Pdf;
using TitleReview.EventStore;
using TitleReview.Web.Http;

namespace TitleReview.Certificate.Features.Lookup;

public static class CertificateLookupEndpoints
{
    public static RouteGroupBuilder MapCertificateLookup(this RouteGroupBuilder group)
    {
        // The record holds the verification code, the votes and the employer: a portal client reads it only for an
        // application it submitted, exactly as for the PDF; another client's is answered as if it did not exist.
        group.MapGet("/by-application/{applicationId:guid}", async (Guid applicationId, HttpContext http, LedgerSessions sessions, CancellationToken cancellationToken) =>
        {
            await using var query = sessions.Query();
            var certificate = await query.Query<CertificateRecord>().FirstOrDefaultAsync(c => c.ApplicationId == applicationId, cancellationToken);
            return certificate is null || !PdfEndpoints.MayRead(http, certificate)
                ? Problems.NotFound(new($"申报 {applicationId} 尚未发证。", $"No certificate has been issued for application {applicationId}."))
                : Results.Ok(certificate);
        });
        return group;
    }
}
